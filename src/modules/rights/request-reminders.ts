import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { calendarDate } from './rights-requests.js';
import { daysBetween } from './officer-requests.js';
import type { RightsBaseDeps } from './rights.deps.js';

/**
 * The daily reminder: for each open request that crossed a reminder threshold since the last run,
 * one e-mail to every privacy officer (or, with none, to the manifest's privacy contact). A request
 * is reminded once per threshold per due date, so an extension starts its reminders again.
 */
export async function sendRequestReminders(deps: RightsBaseDeps): Promise<{ reminded: number }> {
  const today = calendarDate(deps.now());
  const active = await deps.policy.current();
  const contact = active.manifest.operator.dpo?.email ?? active.manifest.operator.contacts.email;
  const { deliveries, count } = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('rights_requests').select(['id', 'kind', 'due_on', 'reminded_for']).where('status', 'in', ['open', 'in_progress', 'extended']).forUpdate().execute();
    const due: Array<{ id: string; kind: string; dueOn: string; daysLeft: number }> = [];
    for (const row of rows) {
      const daysLeft = daysBetween(today, row.due_on);
      const threshold = daysLeft < 0 ? 'overdue' : deps.settings.reminderDaysBefore.filter((d) => daysLeft <= d).sort((a, b) => a - b)[0];
      if (threshold === undefined) continue;
      const mark = `${row.due_on}:${threshold}`;
      if (row.reminded_for === mark) continue;
      await trx.updateTable('rights_requests').set({ reminded_for: mark }).where('id', '=', row.id).execute();
      due.push({ id: row.id, kind: row.kind, dueOn: row.due_on, daysLeft });
    }
    if (due.length === 0) return { deliveries: [], count: 0 };
    const officers = await trx.selectFrom('users').select(['id', 'email']).where('role', '=', 'privacy_officer').where('status', '=', 'active').execute();
    const to = officers.length ? officers : [{ id: null, email: contact }];
    const text = [`${due.length} data-rights request${due.length === 1 ? '' : 's'} need${due.length === 1 ? 's' : ''} an answer soon:`, '', ...due.map((d) => `- ${d.kind} request ${d.id}: due ${d.dueOn} (${d.daysLeft < 0 ? `${-d.daysLeft} days overdue` : `${d.daysLeft} days left`})`), '', `Open the queue: ${deps.publicUrl}/privacy-officer/requests`].join('\n');
    await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.reminders_sent', details: { requests: due.map((d) => d.id), officers: to.length } });
    const out: Array<() => Promise<void>> = [];
    for (const officer of to) out.push(await deps.mail.enqueue(trx, { to: officer.email, userId: officer.id, kind: 'rights.request_reminder', subject: `Data-rights requests due soon (${due.length})`, text }));
    return { deliveries: out, count: due.length };
  });
  for (const deliver of deliveries) await deliver();
  return { reminded: count };
}
