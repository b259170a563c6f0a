import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { formatDate } from '../../../lib/format.js';
import type { Member } from '../api/organisation-api.js';

export type MemberAction = 'suspend' | 'reactivate' | 'remove';

export function MembersTable({ members, currentUserId, busyId, onAction }: { members: Member[]; currentUserId: string; busyId: string | null; onAction: (member: Member, action: MemberAction) => void }) {
  if (members.length === 0) return <p className="muted">No members yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Members of your organisation</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Joined</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const self = member.userId === currentUserId;
            const busy = busyId === member.userId;
            return (
              <tr key={member.userId}>
                <th scope="row" data-label="Name">
                  {member.name}
                  {self ? <span className="badge">You</span> : null}
                </th>
                <td data-label="E-mail">{member.email}</td>
                <td data-label="Role">{member.role === 'admin' ? 'Administrator' : 'Member'}</td>
                <td data-label="Status">
                  <span className={`badge ${member.status === 'active' ? 'badge-ok' : 'badge-warn'}`}>{member.status === 'active' ? 'Active' : 'Suspended'}</span>
                </td>
                <td data-label="Joined" className="nowrap">{formatDate(member.joinedAt)}</td>
                <td className="actions">
                  {self ? null : (
                    <div className="button-row">
                      {member.status === 'active' ? (
                        <Button variant="secondary" busy={busy} onClick={() => onAction(member, 'suspend')} aria-label={`Suspend ${member.name}`}>
                          Suspend
                        </Button>
                      ) : (
                        <Button variant="secondary" busy={busy} onClick={() => onAction(member, 'reactivate')} aria-label={`Reactivate ${member.name}`}>
                          Reactivate
                        </Button>
                      )}
                      <ConfirmButton label="Remove" confirmLabel="Remove" question={`Remove ${member.name} from the organisation?`} busy={busy} onConfirm={() => onAction(member, 'remove')} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
