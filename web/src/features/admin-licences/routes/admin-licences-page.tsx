import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { DataTable, type DataColumn } from '../../../components/data-table.js';
import { Page } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { adminLicencesQuery, useChangeLicence, type LicenceChange, type StaffLicence } from '../api/admin-licences-api.js';
import { LicenceActions } from '../components/licence-actions.js';

const DONE: Record<LicenceChange, string> = { suspend: 'suspended', reinstate: 'reinstated', revoke: 'revoked' };
const STATUS_LABEL: Record<StaffLicence['status'], string> = { active: 'Active', suspended: 'Suspended', expired: 'Expired', revoked: 'Revoked' };

/** The list's columns; `busyId` is the licence being changed. */
const COLUMNS = (busyId: string | null, apply: (licence: StaffLicence, what: LicenceChange) => Promise<void>): Array<DataColumn<StaffLicence>> => [
  { header: 'Key', rowHeader: true, cell: (l) => <code>{l.key}</code> },
  { header: 'Status', cell: (l) => STATUS_LABEL[l.status] },
  { header: 'Valid until', cell: (l) => (l.expiresAt ? formatDate(l.expiresAt) : 'No end date') },
  { header: 'Devices', numeric: true, cell: (l) => l.machines },
  { header: 'Actions', hiddenHeader: true, className: 'actions', cell: (l) => <LicenceActions licence={l} busy={busyId === l.id} onChange={(what) => void apply(l, what)} /> },
];

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
      <FormAlert message={error} />
      <StatusMessage>{status}</StatusMessage>
      <DataTable query={licences} columns={COLUMNS(busyId, apply)} rowKey={(l) => l.id} loadingLabel="Loading licences…" empty="No licences yet." />
    </Page>
  );
}
