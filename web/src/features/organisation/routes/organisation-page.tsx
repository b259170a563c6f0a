import { useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { useResource } from '../../../lib/use-resource.js';
import { getMembers, getMyOrganisation, reactivateMember, removeMember, suspendMember, type Member, type MyOrganisation } from '../api/organisation-api.js';
import { InviteForm } from '../components/invite-form.js';
import { MembersTable, type MemberAction } from '../components/members-table.js';

export function OrganisationPage() {
  const mine = useResource((signal) => getMyOrganisation(signal).then((r) => r.organisation), []);
  const organisation = mine.data;
  return (
    <Page title={organisation ? organisation.name : 'Organisation'} intro={organisation ? 'Members of your organisation and pending invitations.' : undefined} width="wide">
      {mine.status === 'loading' ? <Loading /> : null}
      {mine.status === 'error' ? <FormAlert message={mine.error} /> : null}
      {mine.status === 'ready' && !organisation ? (
        <Notice title="You are not part of an organisation">
          <p>Your account is your own. If your employer uses this service, ask their administrator to invite you.</p>
        </Notice>
      ) : null}
      {organisation && organisation.role !== 'admin' ? (
        <Notice title="Managed by your organisation's administrators">
          <p>Only administrators of {organisation.name} can see and manage its members. Direct questions about your account and your data to them.</p>
        </Notice>
      ) : null}
      {organisation && organisation.role === 'admin' ? <MembersAdmin organisation={organisation} /> : null}
    </Page>
  );
}

const DONE: Record<MemberAction, string> = { suspend: 'suspended', reactivate: 'reactivated', remove: 'removed' };

function MembersAdmin({ organisation }: { organisation: MyOrganisation }) {
  const user = useCurrentUser();
  const data = useResource((signal) => getMembers(organisation.id, signal), [organisation.id]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function act(member: Member, action: MemberAction) {
    setBusyId(member.userId);
    setError(null);
    setStatus(null);
    try {
      if (action === 'suspend') await suspendMember(organisation.id, member.userId);
      else if (action === 'reactivate') await reactivateMember(organisation.id, member.userId);
      else await removeMember(organisation.id, member.userId);
      setStatus(`${member.name} has been ${DONE[action]}.`);
      data.reload();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  const invitations = data.data?.invitations ?? [];
  return (
    <div className="stack">
      <InviteForm orgId={organisation.id} onInvited={data.reload} />
      <Section title="Members" description="A suspended member cannot sign in until reactivated. Removing a member takes them out of the organisation.">
        <FormAlert message={error ?? (data.status === 'error' ? data.error : null)} />
        <StatusMessage>{status}</StatusMessage>
        {data.status === 'loading' && !data.data ? <Loading label="Loading members…" /> : null}
        {data.data ? <MembersTable members={data.data.members} currentUserId={user.id} busyId={busyId} onAction={(m, a) => void act(m, a)} /> : null}
      </Section>
      <Section title="Pending invitations">
        {invitations.length === 0 ? (
          <p className="muted">No invitations are waiting for an answer.</p>
        ) : (
          <ul className="plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <strong>{invitation.email}</strong> <span className="muted small">· sent {formatDate(invitation.createdAt)} · expires {formatDate(invitation.expiresAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
