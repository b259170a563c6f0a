import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormAlert, Notice, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page, Section } from '../../../components/page.js';
import { useCurrentUser } from '../../../lib/auth.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import {
  memberRightsQuery,
  membersKey,
  membersQuery,
  myOrganisationQuery,
  useChangeMembership,
  useEraseMember,
  useExportMemberData,
  type Member,
  type MyOrganisation,
} from '../api/organisation-api.js';
import { EraseMemberConfirm } from '../components/erase-member-confirm.js';
import { InviteForm } from '../components/invite-form.js';
import { LicenceSeats } from '../components/licence-seats.js';
import { MemberExports } from '../components/member-exports.js';
import { MemberRequests } from '../components/member-requests.js';
import { MembersTable, type MemberAction } from '../components/members-table.js';
import '../organisation.css';

export function OrganisationPage() {
  const mine = useQuery(myOrganisationQuery());
  const organisation = mine.data;
  return (
    <Page title={organisation ? organisation.name : 'Organisation'} intro={organisation ? 'Members of your organisation and pending invitations.' : undefined} width="wide">
      {mine.isPending ? <Loading /> : null}
      {mine.isError ? <FormAlert message={loadError(mine)} /> : null}
      {mine.isSuccess && !organisation ? (
        <Notice title="You are not part of an organisation">
          <p>Your account is your own. If your employer uses this service, ask their administrator to invite you.</p>
        </Notice>
      ) : null}
      {organisation && !organisation.canManageMembers ? (
        <Notice title="Managed by your organisation's administrators">
          <p>Only administrators of {organisation.name} can see and manage its members. Direct questions about your account and your data to them.</p>
        </Notice>
      ) : null}
      {organisation?.canManageMembers ? <MembersAdmin organisation={organisation} /> : null}
    </Page>
  );
}

/** The Members section's heading (Section derives it from the title): focus goes there once the erase panel closes. */
const MEMBERS_HEADING = 'members-heading';
const DONE: Record<'suspend' | 'reactivate' | 'remove', string> = { suspend: 'suspended', reactivate: 'reactivated', remove: 'removed' };

function MembersAdmin({ organisation }: { organisation: MyOrganisation }) {
  const user = useCurrentUser();
  const data = useQuery(membersQuery(organisation.id));
  const rights = useQuery(memberRightsQuery(organisation.id));
  const queryClient = useQueryClient();
  const changeMembership = useChangeMembership(organisation.id);
  const exportMemberData = useExportMemberData(organisation.id);
  const eraseMember = useEraseMember(organisation.id);
  const [busy, setBusy] = useState<{ userId: string; action: MemberAction } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Member | null>(null);

  const erasingKey = (rights.data?.erasures ?? []).map((e) => e.userId).sort().join(' ');
  const erasing = useMemo(() => new Set(erasingKey ? erasingKey.split(' ') : []), [erasingKey]);

  // An erasure that finished (or got as far as the membership) takes the member off the list.
  const previousErasing = useRef(erasingKey);
  useEffect(() => {
    const before = previousErasing.current.split(' ').filter(Boolean);
    previousErasing.current = erasingKey;
    if (before.some((id) => !erasing.has(id))) void queryClient.invalidateQueries({ queryKey: membersKey(organisation.id) });
  }, [erasingKey, erasing, queryClient, organisation.id]);

  async function act(member: Member, action: MemberAction) {
    if (action === 'erase') {
      setStatus(null);
      setConfirming(member);
      return;
    }
    setBusy({ userId: member.userId, action });
    setError(null);
    setStatus(null);
    try {
      if (action === 'export') {
        await exportMemberData.mutateAsync(member.userId);
        setStatus(`An export of ${member.name}'s data is being prepared, and ${member.name} has been told by e-mail. It appears under “Exports of members' data” below when it is ready.`);
        return;
      }
      await changeMembership.mutateAsync({ userId: member.userId, change: action });
      setStatus(`${member.name} has been ${DONE[action]}.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(null);
    }
  }

  async function erase(member: Member) {
    await eraseMember.mutateAsync(member.userId);
    setConfirming(null);
    setStatus(`The erasure of ${member.name}'s account has started: they are signed out everywhere and will receive the certificate by e-mail.`);
    focusHeading(MEMBERS_HEADING);
  }

  function cancelErase() {
    const opener = confirming ? document.querySelector<HTMLElement>(`[data-erase-opener="${confirming.userId}"]`) : null;
    setConfirming(null);
    opener?.focus();
  }

  const invitations = data.data?.invitations ?? [];
  return (
    <div className="stack">
      <InviteForm orgId={organisation.id} />
      <Section
        title="Members"
        description="A suspended member cannot sign in until reactivated. Removing a member takes them out of the organisation and leaves their account. Erasing an account removes it and its data for good."
      >
        <FormAlert message={error ?? loadError(data)} />
        <StatusMessage>{status}</StatusMessage>
        {confirming ? <EraseMemberConfirm key={confirming.userId} member={confirming} organisationName={organisation.name} onErase={erase} onCancel={cancelErase} /> : null}
        {data.isPending ? <Loading label="Loading members…" /> : null}
        {data.data ? <MembersTable members={data.data.members} currentUserId={user.id} erasing={erasing} busy={busy} onAction={(m, a) => void act(m, a)} /> : null}
      </Section>
      <LicenceSeats orgId={organisation.id} />
      <MemberExports exports={rights.data?.exports} error={loadError(rights)} />
      <MemberRequests orgId={organisation.id} />
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

/** Puts the keyboard on a section's heading (not otherwise in the Tab order) when what had focus went away. */
function focusHeading(id: string) {
  const heading = document.getElementById(id);
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
