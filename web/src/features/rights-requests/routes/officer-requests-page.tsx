import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { useResource, type Resource } from '../../../lib/use-resource.js';
import { KIND_LABELS, listRequests, loadMetrics, loadOptions, loadPolicyCategories, recordDisclosureByEmail, STATUS_LABELS, type PolicyCategory, type RequestView } from '../api/rights-requests-api.js';
import { DisclosureForm } from '../components/disclosure-form.js';
import { RequestActions } from '../components/request-actions.js';
import { RequestMetricsBar } from '../components/request-metrics.js';
import '../rights-requests.css';

const FILTERS: [string, string][] = [
  ['pending', 'Still to answer'],
  ['', 'All'],
  ['unverified', 'Awaiting e-mail confirmation'],
  ['completed', 'Completed'],
  ['denied', 'Denied'],
];

/** The privacy officer's queue: nearest deadline first, with the actions that answer a request. */
export function OfficerRequestsPage() {
  const [filter, setFilter] = useState('pending');
  const [status, setStatus] = useState<string | null>(null);
  const metrics = useResource((signal) => loadMetrics(signal), []);
  const requests = useResource((signal) => listRequests(filter, signal).then((r) => r.requests), [filter]);
  const options = useResource((signal) => loadOptions(signal), []);
  const categories = useResource((signal) => loadPolicyCategories(signal), []);
  const places = new Map((options.data?.jurisdictions ?? []).map((j) => [j.id, j.name]));
  const sorted = [...(requests.data ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));

  return (
    <Page title="Privacy requests" width="wide">
      <div className="stack">
        <Section title="Overview">{metrics.data ? <RequestMetricsBar metrics={metrics.data} /> : <FormAlert message={metrics.status === 'error' ? metrics.error : null} />}</Section>
        <Section title="Queue">
          <FormAlert message={requests.status === 'error' ? requests.error : null} />
          <StatusMessage>{status}</StatusMessage>
          <div className="filter-bar">
            <div className="field-narrow">
              <SelectField name="status" label="Show" value={filter} onChange={(e) => setFilter(e.target.value)}>
                {FILTERS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          {requests.status === 'loading' && !requests.data ? <Loading label="Loading requests…" /> : null}
          {requests.status === 'ready' && sorted.length === 0 ? <p className="muted">No requests here.</p> : null}
          <ul className="plain-list stack-small" aria-label="Requests">
            {sorted.map((r) => (
              <RequestItem
                key={r.id}
                request={r}
                place={places.get(r.jurisdiction) ?? r.jurisdiction}
                categories={categories}
                onDone={(message) => {
                  setStatus(message);
                  requests.reload();
                  metrics.reload();
                }}
              />
            ))}
          </ul>
        </Section>
        <Section title="Disclosures" description="A disclosure of someone's data to an authority or a third party made outside this system, such as an answer to a court order. The person sees it in the disclosure log of their privacy page. For someone with a request in the queue, record it from the request.">
          <DisclosureByEmail categories={categories} />
        </Section>
      </div>
    </Page>
  );
}

/** For a disclosure about someone with no request in the queue: the officer knows their address, not their account. */
function DisclosureByEmail({ categories }: { categories: Resource<PolicyCategory[]> }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!open) {
    return (
      <>
        <StatusMessage>{done}</StatusMessage>
        <div className="rr-record-disclosure">
          <Button
            variant="secondary"
            onClick={() => {
              setDone(null);
              setOpen(true);
            }}
          >
            Record a disclosure by e-mail address…
          </Button>
        </div>
      </>
    );
  }
  return (
    <DisclosureForm
      subject={{ kind: 'email' }}
      categories={categories}
      submit={(facts, email) => recordDisclosureByEmail(email, facts)}
      onDone={(message) => {
        setOpen(false);
        setDone(message);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

function RequestItem({ request: r, place, categories, onDone }: { request: RequestView; place: string; categories: Resource<PolicyCategory[]>; onDone: (message: string) => void }) {
  const tone = r.status === 'completed' ? 'badge-ok' : r.status === 'denied' ? 'badge-danger' : r.overdue ? 'badge-danger' : r.daysLeft <= 7 ? 'badge-warn' : 'badge-accent';
  return (
    <li className="card" aria-label={`${KIND_LABELS[r.kind]} from ${r.name}`}>
      <p>
        <strong>{KIND_LABELS[r.kind]}</strong> · {r.name} &lt;{r.email}&gt; · {place}
        {r.hasAccount ? ' · has an account' : ''} <span className={`badge ${tone}`}>{STATUS_LABELS[r.status]}</span>
      </p>
      <p className="muted small">
        Received {formatDate(r.receivedOn)} · due {formatDate(r.dueOn)}
        {r.status === 'completed' || r.status === 'denied' ? '' : r.overdue ? ` · ${-r.daysLeft} days overdue` : ` · ${r.daysLeft} days left`}
      </p>
      {r.agent ? (
        <p className="small">
          Made by {r.agent.name} ({r.agent.email}) on their behalf: {r.agent.authority}
        </p>
      ) : null}
      {r.details ? <p className="pre-line">{r.details}</p> : null}
      {r.extensionReason ? <p className="small">Extended: {r.extensionReason}</p> : null}
      {r.answer ? <p className="small pre-line">Answer: {r.answer}</p> : null}
      <RequestActions request={r} categories={categories} onDone={onDone} />
    </li>
  );
}
