import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { SelectField } from '../../../components/field.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { KIND_LABELS, metricsQuery, optionsQuery, recordDisclosureByEmail, requestsQuery, STATUS_LABELS, type RequestFilter, type RequestView } from '../api/rights-requests-api.js';
import { DisclosureForm } from '../components/disclosure-form.js';
import { RequestActions } from '../components/request-actions.js';
import { RequestMetricsBar } from '../components/request-metrics.js';
import '../rights-requests.css';

const FILTERS: [RequestFilter, string][] = [
  ['pending', 'Still to answer'],
  ['', 'All'],
  ['unverified', 'Awaiting e-mail confirmation'],
  ['completed', 'Completed'],
  ['denied', 'Denied'],
];

/** The privacy officer's queue: nearest deadline first, with the actions that answer a request. */
export function OfficerRequestsPage() {
  const [filter, setFilter] = useState<RequestFilter>('pending');
  const [status, setStatus] = useState<string | null>(null);
  const metrics = useQuery(metricsQuery());
  const requests = useQuery(requestsQuery(filter));
  const options = useQuery(optionsQuery());
  const places = new Map((options.data?.jurisdictions ?? []).map((j) => [j.id, j.name]));
  const sorted = [...(requests.data ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));

  return (
    <Page title="Privacy requests" width="wide">
      <div className="stack">
        <Section title="Overview">{metrics.data ? <RequestMetricsBar metrics={metrics.data} /> : <FormAlert message={loadError(metrics)} />}</Section>
        <Section title="Queue">
          <FormAlert message={loadError(requests)} />
          <StatusMessage>{status}</StatusMessage>
          <div className="filter-bar">
            <div className="field-narrow">
              <SelectField name="status" label="Show" value={filter} onChange={(e) => setFilter(e.target.value as RequestFilter)}>
                {FILTERS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
          </div>
          {requests.isPending ? <Loading label="Loading requests…" /> : null}
          {requests.isSuccess && sorted.length === 0 ? <p className="muted">No requests here.</p> : null}
          <ul className="plain-list stack-small" aria-label="Requests">
            {sorted.map((r) => (
              <RequestItem
                key={r.id}
                request={r}
                place={places.get(r.jurisdiction) ?? r.jurisdiction}
                onDone={setStatus}
              />
            ))}
          </ul>
        </Section>
        <Section title="Disclosures" description="A disclosure of someone's data to an authority or a third party made outside this system, such as an answer to a court order. The person sees it in the disclosure log of their privacy page. For someone with a request in the queue, record it from the request.">
          <DisclosureByEmail />
        </Section>
      </div>
    </Page>
  );
}

/** For a disclosure about someone with no request in the queue: the officer knows their address, not their account. */
function DisclosureByEmail() {
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
      submit={(facts, email) => recordDisclosureByEmail(email, facts)}
      onDone={(message) => {
        setOpen(false);
        setDone(message);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

function RequestItem({ request: r, place, onDone }: { request: RequestView; place: string; onDone: (message: string) => void }) {
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
      <RequestActions request={r} onDone={onDone} />
    </li>
  );
}
