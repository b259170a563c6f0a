import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormAlert, StatusMessage } from '../../../components/alerts.js';
import { Button } from '../../../components/button.js';
import { ConfirmButton } from '../../../components/confirm-button.js';
import { SelectField } from '../../../components/field.js';
import { Section } from '../../../components/page.js';
import { ApiError } from '../../../lib/api/api-error.js';
import { formatDate } from '../../../lib/format.js';
import { messageOf } from '../../../lib/form.js';
import { loadError } from '../../../lib/query.js';
import { membersQuery, type Member } from '../api/organisation-api.js';
import { orgLicencesQuery, useAssignSeat, useFreeSeat, type OrgLicence } from '../api/seats-api.js';

/**
 * Seed 002: the organisation's software licences and their seats. An administrator gives a member a
 * seat (they then see the licence and can activate it on their devices) or frees it (their devices on
 * that licence stop working). Nothing is shown where licences are off or the policy keeps seats with staff.
 */
export function LicenceSeats({ orgId }: { orgId: string }) {
  const licences = useQuery(orgLicencesQuery(orgId));
  const members = useQuery(membersQuery(orgId));
  if (licences.error instanceof ApiError && (licences.error.status === 403 || licences.error.status === 404)) return null;
  if (licences.data?.length === 0) return null;
  return (
    <Section title="Licence seats" description="Your organisation's software licences. A member with a seat sees the licence and can activate it on their devices; freeing a seat deactivates their devices on it.">
      <FormAlert message={loadError(licences)} />
      {licences.data?.map((licence) => <LicenceSeatList key={licence.id} orgId={orgId} licence={licence} members={members.data?.members ?? []} />)}
    </Section>
  );
}

function LicenceSeatList({ orgId, licence, members }: { orgId: string; licence: OrgLicence; members: Member[] }) {
  const assign = useAssignSeat(orgId);
  const free = useFreeSeat(orgId);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.name ?? 'A former member';
  const holders = new Set(licence.seats.map((s) => s.userId));
  const candidates = members.filter((m) => !holders.has(m.userId) && m.status === 'active');
  const title = `${licence.product} — ${licence.policy}`;
  const full = licence.seats.length >= licence.maxUsers;

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    setStatus(null);
    try {
      await action();
      setStatus(done);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <div className="licence-seats stack" aria-label={title} role="group">
      <div>
        <h3>{title}</h3>
        <p className="muted small">
          {licence.seats.length} of {licence.maxUsers} seats taken · {licence.status}
          {licence.expiresAt ? ` · until ${formatDate(licence.expiresAt)}` : ''}
        </p>
      </div>
      <FormAlert message={error} />
      <StatusMessage>{status}</StatusMessage>
      {licence.seats.length === 0 ? (
        <p className="muted">No member holds a seat yet.</p>
      ) : (
        <ul className="plain-list">
          {licence.seats.map((s) => (
            <li key={s.userId}>
              <strong>{nameOf(s.userId)}</strong>{' '}
              <span className="muted small">
                · since {formatDate(s.assignedAt)} · {s.machines} device{s.machines === 1 ? '' : 's'}
              </span>{' '}
              <ConfirmButton
                label={`Free ${nameOf(s.userId)}'s seat`}
                confirmLabel="Free the seat"
                question={`Free ${nameOf(s.userId)}'s seat? Their devices on this licence are deactivated.`}
                variant="secondary"
                busy={free.isPending && free.variables.userId === s.userId}
                onConfirm={() => void run(() => free.mutateAsync({ licenceId: licence.id, userId: s.userId }), `${nameOf(s.userId)}'s seat is free.`)}
              />
            </li>
          ))}
        </ul>
      )}
      {full ? <p className="muted">Every seat is taken: free one to give it to another member.</p> : null}
      {!full && candidates.length > 0 ? (
        <form
          className="form"
          aria-label={`Assign a seat of ${title}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen) return setError('Choose a member to give the seat to.');
            void run(() => assign.mutateAsync({ licenceId: licence.id, userId: chosen }), `${nameOf(chosen)} now holds a seat.`).then(() => setChosen(''));
          }}
        >
          <SelectField label="Member" name="member" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choose a member…</option>
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button type="submit" busy={assign.isPending} busyLabel="Assigning…">
              Assign seat
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
