import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { Role } from '../../platform/http/index.js';
import type { AccountsTables, SessionRow, UserRow } from './accounts.tables.js';

type Db = Queryable<AccountsTables>;

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: UserRow) {
  await db.insertInto('users').values(user).execute();
}

export async function updateUser(db: Db, id: string, patch: Partial<Omit<UserRow, 'id'>>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function countUsers(db: Db) {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listUsers(db: Db, opts: { limit: number; offset: number; query?: string; role?: Role }) {
  let q = db.selectFrom('users').selectAll().orderBy('created_at', 'desc').limit(opts.limit).offset(opts.offset);
  if (opts.role) q = q.where('role', '=', opts.role);
  if (opts.query) {
    const like = `%${opts.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like)]));
  }
  return q.execute();
}

export async function insertSession(db: Db, session: SessionRow) {
  await db.insertInto('sessions').values(session).execute();
}

export async function findLiveSessionByTokenHash(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      // What /api/me shows, so the request that authenticated need not read the user again (issue #12).
      'users.id',
      'users.email',
      'users.email_verified_at',
      'users.name',
      'users.phone',
      'users.company',
      'users.job_title',
      'users.role',
      'users.status',
      'users.created_at',
      'users.password_must_change',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, userId: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
  await db.updateTable('users').set({ last_active_at: now }).where('id', '=', userId).execute();
}

export async function listLiveSessions(db: Db, userId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/** Revokes the user's live sessions, except `keepSessionId`; returns how many were revoked. */
export async function revokeSessions(db: Db, userId: string, now: Date, opts: { only?: string; keep?: string } = {}) {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (opts.only) q = q.where('id', '=', opts.only);
  if (opts.keep) q = q.where('id', '!=', opts.keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function rememberDevice(db: Db, userId: string, deviceHash: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('user_devices')
    .values({ user_id: userId, device_hash: deviceHash, first_seen_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function hasAnyDevice(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_devices').select('user_id').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function insertEmailToken(db: Db, row: AccountsTables['email_tokens']) {
  await db.insertInto('email_tokens').values(row).execute();
}

/** Marks a token used and returns it, atomically: a replayed link finds nothing. */
export async function consumeEmailToken(db: Db, tokenHash: string, purpose: AccountsTables['email_tokens']['purpose'], now: Date) {
  return db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function getThrottle(db: Db, emailHash: string) {
  return db.selectFrom('signin_throttle').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
}

export async function saveThrottle(db: Db, row: AccountsTables['signin_throttle']) {
  await db
    .insertInto('signin_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('email_hash').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }),
    )
    .execute();
}

export async function clearThrottle(db: Db, emailHash: string) {
  await db.deleteFrom('signin_throttle').where('email_hash', '=', emailHash).execute();
}
