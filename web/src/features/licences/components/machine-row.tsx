import { ConfirmButton } from '../../../components/confirm-button.js';
import { formatDateTime } from '../../../lib/format.js';
import type { MyMachine } from '../api/licences-api.js';

/** One activated device, with the button that frees its seat. */
export function MachineRow({ machine, busy, onDeactivate }: { machine: MyMachine; busy: boolean; onDeactivate: () => void }) {
  const name = machine.name ?? 'Unnamed device';
  return (
    <tr>
      <th scope="row">
        {name}
        {/* Shown only where the policy keeps the identifier as sent (otherwise a keyed hash is kept, and never shown). */}
        {machine.deviceId ? <div className="muted small">Device ID: {machine.deviceId}</div> : null}
      </th>
      <td>{machine.platform ?? '—'}</td>
      <td>{machine.appVersion ?? '—'}</td>
      <td>{formatDateTime(machine.activatedAt)}</td>
      <td>{formatDateTime(machine.lastHeartbeatAt)}</td>
      <td>
        <ConfirmButton label="Deactivate" confirmLabel={`Deactivate ${name}`} question={`Deactivate ${name}? The software there stops working until it is activated again.`} busy={busy} onConfirm={onDeactivate} />
      </td>
    </tr>
  );
}
