import type { Queryable } from '../../platform/db/index.js';
import type { ProjectsTables, ProjectStatus } from './projects.tables.js';

type Db = Queryable<ProjectsTables>;
type Page = { limit: number; offset: number };

export async function insertProject(db: Db, row: ProjectsTables['projects']) {
  await db.insertInto('projects').values(row).execute();
}

export async function findProject(db: Db, id: string, opts: { lock?: boolean } = {}) {
  const q = db.selectFrom('projects').selectAll().where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function isAssigned(db: Db, projectId: string, staffId: string) {
  const row = await db.selectFrom('project_assignments').select('staff_id').where('project_id', '=', projectId).where('staff_id', '=', staffId).executeTakeFirst();
  return row !== undefined;
}

const summaryColumns = [
  'projects.id',
  'projects.title',
  'projects.status',
  'projects.process',
  'projects.material',
  'projects.quantity',
  'projects.customer_id',
  'projects.wanted_delivery_date',
  'projects.promised_delivery_date',
  'projects.created_at',
  'projects.updated_at',
] as const;

export async function listProjectsOfCustomer(db: Db, customerId: string, page: Page) {
  return db.selectFrom('projects').select(summaryColumns).where('customer_id', '=', customerId).orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function listProjectsOfStaff(db: Db, staffId: string, page: Page) {
  return db
    .selectFrom('projects')
    .innerJoin('project_assignments', 'project_assignments.project_id', 'projects.id')
    .select(summaryColumns)
    .where('project_assignments.staff_id', '=', staffId)
    .orderBy('projects.updated_at', 'desc')
    .orderBy('projects.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function listAllProjects(db: Db, page: Page, status?: ProjectStatus) {
  let q = db.selectFrom('projects').select(summaryColumns);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('updated_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

export async function setStatus(db: Db, id: string, status: ProjectStatus, now: Date, completedAt: Date | null) {
  await db.updateTable('projects').set({ status, updated_at: now, completed_at: completedAt }).where('id', '=', id).execute();
}

export async function setPromisedDeliveryDate(db: Db, id: string, date: string | null, now: Date) {
  await db.updateTable('projects').set({ promised_delivery_date: date, updated_at: now }).where('id', '=', id).execute();
}

export async function insertStatusEvent(db: Db, row: ProjectsTables['project_status_events']) {
  await db.insertInto('project_status_events').values(row).execute();
}

export async function listStatusEvents(db: Db, projectId: string) {
  return db.selectFrom('project_status_events').selectAll().where('project_id', '=', projectId).orderBy('at').orderBy('id').execute();
}

export async function insertAssignment(db: Db, row: ProjectsTables['project_assignments']) {
  await db.insertInto('project_assignments').values(row).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteAssignment(db: Db, projectId: string, staffId: string) {
  const r = await db.deleteFrom('project_assignments').where('project_id', '=', projectId).where('staff_id', '=', staffId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listAssignedStaffIds(db: Db, projectId: string) {
  const rows = await db.selectFrom('project_assignments').select('staff_id').where('project_id', '=', projectId).execute();
  return rows.map((r) => r.staff_id);
}

export async function insertMessage(db: Db, row: ProjectsTables['project_messages']) {
  await db.insertInto('project_messages').values(row).execute();
}

export async function listMessages(db: Db, projectId: string, page: Page) {
  return db
    .selectFrom('project_messages')
    .select(['id', 'author_id', 'author_role', 'body', 'created_at'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function insertNotification(db: Db, row: ProjectsTables['notifications']) {
  await db.insertInto('notifications').values(row).execute();
}

export async function listNotifications(db: Db, userId: string, opts: Page & { unreadOnly: boolean }) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
}

export async function countUnreadNotifications(db: Db, userId: string) {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's notifications read (a no-op if already read); false if it is not theirs. */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date) {
  const row = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return false;
  if (!row.read_at) await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).execute();
  return true;
}

export async function markAllNotificationsRead(db: Db, userId: string, now: Date) {
  const r = await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
