import { useId, useState } from 'react';
import { Button } from '../../../components/button.js';
import { ROLE_LABELS, type Role } from '../../../lib/auth.js';

const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** A role picker and its own Save button, so a stray arrow key in the list never changes a role. */
export function RoleEditor({ userName, role, disabled, busy, onSave }: { userName: string; role: Role; disabled: boolean; busy: boolean; onSave: (role: Role) => void }) {
  const [chosen, setChosen] = useState<Role>(role);
  const id = useId();
  return (
    <div className="inline-row compact">
      <label htmlFor={id} className="visually-hidden">
        Role of {userName}
      </label>
      <select id={id} className="input input-small" value={chosen} disabled={disabled} onChange={(e) => setChosen(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {chosen !== role ? (
        <Button variant="primary" busy={busy} busyLabel="Saving…" onClick={() => onSave(chosen)} aria-label={`Save role ${ROLE_LABELS[chosen]} for ${userName}`}>
          Save
        </Button>
      ) : null}
    </div>
  );
}
