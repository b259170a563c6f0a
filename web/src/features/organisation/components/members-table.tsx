import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { formatDate } from '../../../lib/format.js';
import type { Member } from '../api/organisation-api.js';

export type MemberAction = 'suspend' | 'reactivate' | 'remove' | 'export' | 'erase';

type Props = {
  members: Member[];
  currentUserId: string;
  /** Members whose erasure is under way: shown as such, with nothing left to do to them. */
  erasing: ReadonlySet<string>;
  busy: { userId: string; action: MemberAction } | null;
  onAction: (member: Member, action: MemberAction) => void;
};

export function MembersTable({ members, currentUserId, erasing, busy, onAction }: Props) {
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
            const rowBusy = busy?.userId === member.userId;
            // The pressed button says it is working; the row's others wait until it is done.
            const press = (action: MemberAction) => ({ busy: rowBusy && busy.action === action, disabled: rowBusy && busy.action !== action, onClick: () => onAction(member, action) });
            return (
              <tr key={member.userId}>
                <th scope="row" data-label="Name">
                  {member.name}
                  {self ? <span className="badge">You</span> : null}
                </th>
                <td data-label="E-mail">{member.email}</td>
                <td data-label="Role">{member.role === 'admin' ? 'Administrator' : 'Member'}</td>
                <td data-label="Status" className="member-status">
                  <StatusBadge member={member} erasing={erasing.has(member.userId)} />
                </td>
                <td data-label="Joined" className="nowrap">{formatDate(member.joinedAt)}</td>
                <td className="actions">
                  {self || erasing.has(member.userId) ? null : (
                    <div className="member-actions">
                      <div className="button-row">
                        {member.status === 'active' ? (
                          <Button variant="secondary" {...press('suspend')} aria-label={`Suspend ${member.name}`}>
                            Suspend
                          </Button>
                        ) : (
                          <Button variant="secondary" {...press('reactivate')} aria-label={`Reactivate ${member.name}`}>
                            Reactivate
                          </Button>
                        )}
                        <ConfirmButton label="Remove" confirmLabel="Remove" question={`Remove ${member.name} from the organisation?`} busy={rowBusy} onConfirm={() => onAction(member, 'remove')} />
                      </div>
                      <div className="button-row">
                        <Button variant="secondary" {...press('export')} aria-label={`Export ${member.name}'s data`} busyLabel="Asking…">
                          Export data
                        </Button>
                        <Button variant="danger" {...press('erase')} aria-label={`Erase ${member.name}'s account…`} data-erase-opener={member.userId}>
                          Erase account…
                        </Button>
                      </div>
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

function StatusBadge({ member, erasing }: { member: Member; erasing: boolean }) {
  if (erasing) return <span className="badge badge-danger">Being erased</span>;
  return <span className={`badge ${member.status === 'active' ? 'badge-ok' : 'badge-warn'}`}>{member.status === 'active' ? 'Active' : 'Suspended'}</span>;
}
