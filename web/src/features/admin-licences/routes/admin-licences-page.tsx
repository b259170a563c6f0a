import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { DataTable, type DataColumn } from '../../../components/data-table.js';
import { Page } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { adminLicencesQuery, useChangeLicence, type LicenceChange, type StaffLicence } from '../api/admin-licences-api.js';
import { organisationsQuery } from '../api/org-licences-api.js';
import { IssueOrgLicenceForm } from '../components/issue-org-licence-form.js';
import { LicenceActions } from '../components/licence-actions.js';
import { OrgLicenceSeats } from '../components/org-licence-seats.js';

const DONE: Record<LicenceChange, string> = { suspend: 'suspended', reinstate: 'reinstated', revoke: 'revoked' };
const STATUS_LABEL: Record<StaffLicence['status'], string> = { active: 'Active', suspended: 'Suspended', expired: 'Expired', revoked: 'Revoked' };

type Columns = {
  busyId: string | null;
  apply: (licence: StaffLicence, what: LicenceChange) => Promise<void>;
  orgName: (orgId: string) => string;
  showSeats: (licence: StaffLicence) => void;
};

/** Whose it is: a person's, or an organisation's with its seats (opened below the list). */
function Holder({ licence: l, orgName, showSeats }: { licence: StaffLicence } & Pick<Columns, 'orgName' | 'showSeats'>) {
  if (l.orgId === null) return <span className="muted">A person</span>;
  return (
    <Button variant="secondary" className="button-small" onClick={() => showSeats(l)} aria-label={`Seats of ${l.key}`}>
      {orgName(l.orgId)} · {l.maxUsers} seat{l.maxUsers === 1 ? '' : 's'}
    </Button>
  );
}

/** The list's columns; `busyId` is the licence being changed. */
const COLUMNS = ({ busyId, apply, orgName, showSeats }: Columns): Array<DataColumn<StaffLicence>> => [
  { header: 'Key', rowHeader: true, cell: (l) => <code>{l.key}</code> },
  { header: 'Holder', cell: (l) => <Holder licence={l} orgName={orgName} showSeats={showSeats} /> },
  { header: 'Status', cell: (l) => STATUS_LABEL[l.status] },
  { header: 'Valid until', cell: (l) => (l.expiresAt ? formatDate(l.expiresAt) : 'No end date') },
  { header: 'Devices', numeric: true, cell: (l) => l.machines },
  { header: 'Actions', hiddenHeader: true, className: 'actions', cell: (l) => <LicenceActions licence={l} busy={busyId === l.id} onChange={(what) => void apply(l, what)} /> },
];

/** Admins issue organisations' licences, see and free their seats, and suspend, reinstate and revoke licences (people's licences and releases are issued through the API: see the operator guide). */
export function AdminLicencesPage() {
  const licences = useQuery(adminLicencesQuery());
  const change = useChangeLicence();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [seatsOf, setSeatsOf] = useState<{ orgId: string; licenceId: string } | null>(null);
  const orgs = useQuery(organisationsQuery());
  const orgName = (orgId: string) => orgs.data?.find((o) => o.id === orgId)?.name ?? 'An organisation';
  const showSeats = (l: StaffLicence) => {
    if (l.orgId !== null) setSeatsOf({ orgId: l.orgId, licenceId: l.id });
  };

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
    <Page title="Licences" intro="Every software licence, newest first: an organisation’s licence opens the list of its seats. Reading these lists is recorded in the audit log." width="wide">
      <FormAlert message={error} />
      <StatusMessage>{status}</StatusMessage>
      <div className="stack">
        <DataTable query={licences} columns={COLUMNS({ busyId, apply, orgName, showSeats })} rowKey={(l) => l.id} loadingLabel="Loading licences…" empty="No licences yet." />
        {seatsOf ? <OrgLicenceSeats key={seatsOf.licenceId} orgId={seatsOf.orgId} licenceId={seatsOf.licenceId} orgName={orgName(seatsOf.orgId)} onClose={() => setSeatsOf(null)} /> : null}
        <IssueOrgLicenceForm />
      </div>
    </Page>
  );
}
