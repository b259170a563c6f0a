import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Section } from '../../../components/page.js';
import { ApiError } from '../../../lib/api/api-error.js';
import { formatDate } from '../../../lib/format.js';
import { loadError } from '../../../lib/query.js';
import { memberRequestsQuery } from '../api/organisation-api.js';

const KIND_WORDS: Record<string, string> = {
  access: 'A copy of their data',
  rectification: 'Correct their data',
  erasure: 'Delete their data',
  portability: 'Their data to take elsewhere',
  restriction: 'Restrict how their data is used',
  objection: 'Object to how their data is used',
  opt_out: 'Opt out of sale or sharing',
  other: 'Something else',
};

/**
 * Seed 002: the members' privacy requests (what was asked, its status and deadline; not the
 * messages), where the policy names the organisation's administrator as a way to act on one's data.
 * Members are told so when they file one. Nothing is shown where the policy does not grant it.
 */
export function MemberRequests({ orgId }: { orgId: string }) {
  const requests = useQuery(memberRequestsQuery(orgId));
  if (requests.error instanceof ApiError && requests.error.status === 403) return null;
  return (
    <Section title="Members' privacy requests" description="Requests your members made about their data, as our privacy policy lets you see them: what was asked, where it stands and by when it is answered. The privacy team handles them; members are told you can see them.">
      <FormAlert message={loadError(requests)} />
      {requests.data && requests.data.length === 0 ? <p className="muted">No member has made a privacy request.</p> : null}
      {requests.data && requests.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Members' privacy requests</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label="Member">
                    {r.memberName}
                  </th>
                  <td data-label="Request">{KIND_WORDS[r.kind] ?? r.kind}</td>
                  <td data-label="Status">{r.status.replaceAll('_', ' ')}</td>
                  <td data-label="Received">{formatDate(r.receivedOn)}</td>
                  <td data-label="Due by">{formatDate(r.dueOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
