import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { DataTable, type DataColumn } from '../../../components/data-table.js';
import { Button } from '../../../components/button.js';
import { Section } from '../../../components/page.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { orgMembersQuery, orgSeatsQuery, useFreeSeat, type OrgMember, type SeatedLicence } from '../api/org-licences-api.js';

type Seat = SeatedLicence['seats'][number] & { member: OrgMember | undefined };

/**
 * Staff see who holds the seats of an organisation's licence and free one (the holder's devices on
 * it are deactivated), as the organisation's own administrators can. Both reads are audited.
 */
export function OrgLicenceSeats({ orgId, licenceId, orgName, onClose }: { orgId: string; licenceId: string; orgName: string; onClose: () => void }) {
  const licences = useQuery(orgSeatsQuery(orgId));
  const members = useQuery(orgMembersQuery(orgId));
  const free = useFreeSeat(orgId);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const licence = licences.data?.find((l) => l.id === licenceId);
  const nameOf = (seat: Seat) => seat.member?.name ?? 'A former member';
  const seats = { ...licences, data: licence?.seats.map((s): Seat => ({ ...s, member: members.data?.find((m) => m.userId === s.userId) })) };

  async function release(seat: Seat) {
    setError(null);
    setStatus(null);
    try {
      await free.mutateAsync({ licenceId, userId: seat.userId });
      setStatus(`${nameOf(seat)}’s seat is free; their devices on this licence were deactivated.`);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  const columns: Array<DataColumn<Seat>> = [
    { header: 'Member', rowHeader: true, cell: (s) => (s.member ? `${s.member.name} (${s.member.email})` : nameOf(s)) },
    { header: 'Since', cell: (s) => formatDate(s.assignedAt) },
    { header: 'Devices', numeric: true, cell: (s) => s.machines },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'actions',
      cell: (s) => (
        <ConfirmButton
          label={`Free ${nameOf(s)}’s seat`}
          confirmLabel="Free the seat"
          question={`Free ${nameOf(s)}’s seat? Their devices on this licence are deactivated.`}
          variant="secondary"
          busy={free.isPending && free.variables.userId === s.userId}
          onConfirm={() => void release(s)}
        />
      ),
    },
  ];

  const title = licence ? `Seats of ${licence.key}` : 'Seats';
  return (
    <Section title={title} id="licence-seats" description={licence ? `${orgName} · ${licence.product} — ${licence.policy} · ${licence.seats.length} of ${licence.maxUsers} seats taken. Reading this list is recorded in the audit log.` : undefined}>
      <FormAlert message={error ?? (members.error ? messageOf(members.error) : null)} />
      <StatusMessage>{status}</StatusMessage>
      <DataTable query={seats} columns={columns} rowKey={(s) => s.userId} loadingLabel="Loading seats…" empty="No member holds a seat yet." framed={false} caption={title} />
      <div className="form-actions">
        <Button variant="secondary" onClick={onClose}>
          Close seats
        </Button>
      </div>
    </Section>
  );
}
