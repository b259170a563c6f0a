import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Loading, Page } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { adminLicencesQuery, useChangeLicence, type LicenceChange, type StaffLicence } from '../api/admin-licences-api.js';
import { LicenceActions } from '../components/licence-actions.js';

const DONE: Record<LicenceChange, string> = { suspend: 'suspended', reinstate: 'reinstated', revoke: 'revoked' };
const STATUS_LABEL: Record<StaffLicence['status'], string> = { active: 'Active', suspended: 'Suspended', expired: 'Expired', revoked: 'Revoked' };

/** Admins suspend, reinstate and revoke licences (issuing and releases are in the API: see the operator guide). */
export function AdminLicencesPage() {
  const licences = useQuery(adminLicencesQuery());
  const change = useChangeLicence();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function apply(licence: StaffLicence, what: LicenceChange) {
    setBusyId(licence.id);
    setError(null);
    setStatus(null);
    try {
      await change.mutateAsync({ id: licence.id, change: what });
      setStatus(`Licence ${licence.key} was ${DONE[what]}.`);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Page title="Licences" intro="Every software licence, newest first. Reading this list is recorded in the audit log." width="wide">
      <FormAlert message={error ?? loadError(licences)} />
      <StatusMessage>{status}</StatusMessage>
      {licences.isPending ? <Loading label="Loading licences…" /> : null}
      {licences.data && licences.data.length === 0 ? <p className="card muted">No licences yet.</p> : null}
      {licences.data && licences.data.length > 0 ? (
        <div className="card table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Status</th>
                <th scope="col">Valid until</th>
                <th scope="col" className="numeric">
                  Devices
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {licences.data.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <code>{l.key}</code>
                  </th>
                  <td>{STATUS_LABEL[l.status]}</td>
                  <td>{l.expiresAt ? formatDate(l.expiresAt) : 'No end date'}</td>
                  <td className="numeric">{l.machines}</td>
                  <td className="actions">
                    <LicenceActions licence={l} busy={busyId === l.id} onChange={(what) => void apply(l, what)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
