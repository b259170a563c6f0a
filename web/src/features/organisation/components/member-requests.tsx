import { useQuery } from '@tanstack/react-query';
import { FormAlert } from '../../../components/alerts.js';
import { Section } from '../../../components/page.js';
import { RecordTable } from '../../../components/record-table.js';
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
        <RecordTable
          caption="Members' privacy requests"
          labelled
          rows={requests.data}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Member', cell: (r) => r.memberName, rowHeader: true },
            { header: 'Request', cell: (r) => KIND_WORDS[r.kind] ?? r.kind },
            { header: 'Status', cell: (r) => r.status.replaceAll('_', ' ') },
            { header: 'Received', cell: (r) => formatDate(r.receivedOn) },
            { header: 'Due by', cell: (r) => formatDate(r.dueOn) },
          ]}
        />
      ) : null}
    </Section>
  );
}
