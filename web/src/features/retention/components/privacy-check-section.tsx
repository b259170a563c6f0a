import { useQuery } from '@tanstack/react-query';
import { Loading, Section } from '../../../components/page.js';
import { formatDateTime } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { privacyCheckQuery } from '../api/retention-api.js';

/** The manifest proved against the installation (the same as `meshvault privacy check`). */
export function PrivacyCheckSection() {
  const check = useQuery(privacyCheckQuery());
  const error = loadError(check);
  return (
    <Section title="Privacy check" description={
        <>
          The privacy manifest proved against this installation, as <code>meshvault privacy check</code> does.
        </>
      }>
      {error ? <p role="alert">{error}</p> : null}
      {check.data ? (
        <>
          <p>
            <strong>{check.data.ok ? 'Passes' : 'Fails'}</strong> · checked {formatDateTime(check.data.checkedAt)} under policy version {check.data.policyVersion}
          </p>
          <ul className="plain-list" aria-label="Checks">
            {check.data.checks.map((c) => (
              <li key={c.id}>
                {c.ok ? '✔' : '✘'} <span>{c.title}</span>
                {c.ok ? null : <span className="visually-hidden"> (fails)</span>}
                {c.problems.length > 0 ? (
                  <ul>
                    {c.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : error ? null : (
        <Loading />
      )}
    </Section>
  );
}
