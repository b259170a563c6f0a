import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { listActiveUsersWithRole } from '../accounts/index.js';
import { calendarDate } from './request-intake.js';
import { daysBetween } from './officer-requests.js';
import type { RightsRequestsDeps } from './rights-requests.deps.js';
import { rightsRequestsMails } from './rights-requests.mails.js';
import type { RightsRequestsTables } from './rights-requests.tables.js';
import * as store from './rights-requests.store.js';

/**
 * The daily reminder: for each open request that crossed a reminder threshold since the last run,
 * one e-mail to every privacy officer (or, with none, to the manifest's privacy contact). A request
 * is reminded once per threshold per due date, so an extension starts its reminders again.
 */
export async function sendRequestReminders(deps: RightsRequestsDeps): Promise<{ reminded: number }> {
  const today = calendarDate(deps.now());
  const active = await deps.policy.current();
  const contact = active.manifest.operator.dpo?.email ?? active.manifest.operator.contacts.email;
  return deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tablesOf<RightsRequestsTables>(work);
    const rows = await store.lockRequestsInStatus(db, ['open', 'in_progress', 'extended']);
    const due: Array<{ id: string; kind: string; dueOn: string; daysLeft: number }> = [];
    for (const row of rows) {
      const daysLeft = daysBetween(today, row.due_on);
      const threshold = daysLeft < 0 ? 'overdue' : deps.settings.reminderDaysBefore.filter((d) => daysLeft <= d).sort((a, b) => a - b)[0];
      if (threshold === undefined) continue;
      const mark = `${row.due_on}:${threshold}`;
      if (row.reminded_for === mark) continue;
      await store.markReminded(db, row.id, mark);
      due.push({ id: row.id, kind: row.kind, dueOn: row.due_on, daysLeft });
    }
    if (due.length === 0) return { reminded: 0 };
    const officers = await listActiveUsersWithRole(work, 'privacy_officer');
    const to = officers.length ? officers : [{ id: null, email: contact }];
    const message = rightsRequestsMails.reminder(due, `${deps.publicUrl}/privacy-officer/requests`);
    await work.audit({ action: 'rights.reminders_sent', details: { requests: due.map((d) => d.id), officers: to.length } });
    for (const officer of to) await work.mail({ to: officer.email, userId: officer.id, ...message });
    return { reminded: due.length };
  });
}
