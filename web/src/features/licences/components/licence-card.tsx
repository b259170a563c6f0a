import { formatDate } from '../../../lib/format.js';
import type { MyLicence } from '../api/licences-api.js';
import { MachineRow } from './machine-row.js';

const STATUS_LABEL: Record<MyLicence['status'], string> = { active: 'Active', suspended: 'Suspended', expired: 'Expired', revoked: 'Revoked' };

/** A licence: its key, status, expiry and the devices it is activated on. */
export function LicenceCard({ licence, busyMachine, onDeactivate }: { licence: MyLicence; busyMachine: string | null; onDeactivate: (machineId: string) => void }) {
  const headingId = `licence-${licence.id}`;
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <header className="message-header">
        <h2 id={headingId} className="message-subject">
          {licence.product} — {licence.policy}
        </h2>
        <span className="badge">{STATUS_LABEL[licence.status]}</span>
      </header>
      <dl className="meta">
        <div>
          <dt>Licence key</dt>
          <dd>
            <code>{licence.key}</code>
          </dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>{licence.expiresAt ? formatDate(licence.expiresAt) : 'No end date'}</dd>
        </div>
        {licence.seat ? (
          <div>
            <dt>Held through</dt>
            <dd>A seat your organisation gave you</dd>
          </div>
        ) : null}
        <div>
          <dt>{licence.seat ? 'Your devices' : 'Devices'}</dt>
          <dd>{licence.seat ? licence.machines.length : `${licence.machines.length} of ${licence.maxMachines}`}</dd>
        </div>
        {licence.entitlements.length > 0 ? (
          <div>
            <dt>Includes</dt>
            <dd>{licence.entitlements.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      {licence.machines.length === 0 ? (
        <p className="muted">Not activated on any device yet. Enter the key in the software to activate it.</p>
      ) : (
        <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Devices where this licence is activated</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Platform</th>
              <th scope="col">Version</th>
              <th scope="col">Activated</th>
              <th scope="col">Last check-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {licence.machines.map((m) => (
              <MachineRow key={m.id} machine={m} busy={busyMachine === m.id} onDeactivate={() => onDeactivate(m.id)} />
            ))}
          </tbody>
        </table>
        </div>
      )}
    </article>
  );
}
