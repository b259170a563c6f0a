import { Section } from '../../../components/page.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import type { PrivacyDashboard } from '../api/privacy-api.js';

const BASIS_WORDS: Record<string, string> = {
  contract: 'to provide the service you signed up for',
  consent: 'because you agreed',
  legal_obligation: 'because the law requires it',
  legitimate_interests: 'for our legitimate interests',
  vital_interests: 'to protect someone’s life',
  public_task: 'for a task in the public interest',
};

/** What is held, in plain words: why, until when, and who else receives it. */
export function DataHeld({ dashboard }: { dashboard: PrivacyDashboard }) {
  return (
    <Section title="What we hold about you" description={`As described by version ${dashboard.policyVersion} of our privacy policy.`}>
      {dashboard.categories.length === 0 ? <p className="muted">We hold no personal data about you.</p> : null}
      {dashboard.categories.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Kinds of data we hold">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Why</th>
                <th scope="col">Until when</th>
                <th scope="col">Who receives it</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.categories.map((c) => (
                <tr key={c.category}>
                  <th scope="row" title={c.description || undefined}>
                    {c.label}
                  </th>
                  <td>{c.purposes.length === 0 ? 'No purpose is listed for this yet.' : whyWords(c.purposes)}</td>
                  <td>{c.retention ? untilWhen(c.retention) : 'Until you delete your account.'}</td>
                  <td>{c.recipients.length === 0 ? 'Nobody outside Meshvault.' : c.recipients.map((r) => `${r.name} (${r.country})`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>Disclosures</h3>
      {dashboard.disclosures.length === 0 ? (
        <p className="muted">We have not disclosed your data to any authority or other party.</p>
      ) : (
        <ul className="plain-list" aria-label="Disclosures">
          {dashboard.disclosures.map((d) => (
            <li key={d.id}>
              {formatDateTime(d.disclosedAt)}: to <strong>{d.recipient}</strong> ({KIND_WORDS[d.kind] ?? 'a third party'}
              {d.outsidePolicy ? ', not named in our policy: only because the law required it' : ''}), {d.categoryLabels.join(', ')}. Basis: {d.legalBasis}
              {d.reference ? ` · reference ${d.reference}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function untilWhen(retention: NonNullable<PrivacyDashboard['categories'][number]['retention']>): string {
  const end = retention.latestEnd ?? retention.earliestEnd;
  const dates =
    retention.earliestEnd && retention.latestEnd && retention.earliestEnd !== retention.latestEnd
      ? ` (for your records: between ${formatDate(retention.earliestEnd)} and ${formatDate(retention.latestEnd)})`
      : end
        ? ` (for your records: ${formatDate(end)})`
        : '';
  // Rows whose period has not started (an open project, an account still open) have no date yet.
  const pending = retention.undated > 0 ? (end ? '; some of it has no date yet: its period has not started' : ' (no date yet: its period has not started)') : '';
  return `${retention.rule}${dates}${pending}${retention.reason ? `. ${retention.reason}` : '.'}`;
}

/** Purposes grouped by legal basis, so the basis is said once: "Your account, Quotes (to provide …)". */
function whyWords(purposes: PrivacyDashboard['categories'][number]['purposes']): string {
  const byBasis = new Map<string, string[]>();
  for (const p of purposes) byBasis.set(p.legalBasis, [...(byBasis.get(p.legalBasis) ?? []), p.name]);
  return [...byBasis].map(([basis, names]) => `${names.join(', ')} (${BASIS_WORDS[basis] ?? basis})`).join('; ');
}

const KIND_WORDS: Record<string, string> = { authority: 'an authority', integration: 'a service named in our policy', mail: 'our e-mail provider, named in our policy', third_party: 'a third party' };
