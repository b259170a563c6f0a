import { sql, type Expression, type RawBuilder } from 'kysely';
import { compiledOnce, type Queryable } from '../../platform/db/index.js';
import type { Role } from '../../platform/http/index.js';
import { makeStatementChange, type StatementChange } from '../../platform/unit-of-work/index.js';
import type { AccountsTables, SessionRow, UserRow } from './accounts.tables.js';

type Db = Queryable<AccountsTables>;

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

/**
 * What a sign-in reads before it checks the password, in one query: the throttle of the address typed
 * (by its hash) and the account with that address, each undefined when there is none, whether the
 * account is being erased (`beingErased`, the erasure module's condition; false without one), and
 * what the account knows of the device signed in from (`deviceHash`; null when none is kept).
 */
export async function findSignInCandidate(db: Db, email: string, emailHash: string, beingErased?: BeingErased, deviceHash: string | null = null) {
  const { rows } = await signInCandidateQuery(beingErased)(db, email.toLowerCase(), emailHash, deviceHash);
  const { throttle_email_hash, throttle_failures, throttle_window_started_at, throttle_locked_until, being_erased, known_device, has_devices, ...user } = rows[0]!;
  const throttle: AccountsTables['signin_throttle'] | undefined =
    throttle_email_hash === null ? undefined : { email_hash: throttle_email_hash, failures: throttle_failures!, window_started_at: throttle_window_started_at!, locked_until: throttle_locked_until };
  // Whether the device typed from is one the account knows, and whether it knows any (for the new-device alert).
  const devices = { known: known_device === true, any: has_devices === true };
  return { user: user.id === null ? undefined : (user as UserRow), throttle, beingErased: being_erased === true, devices };
}

/** The sign-in candidate's query, compiled once per erasure condition (one per app): it runs on every sign-in. */
const signInCandidateQueries = new WeakMap<BeingErased | typeof NO_ERASURES, ReturnType<typeof candidateQuery>>();
const NO_ERASURES = {};
function signInCandidateQuery(beingErased: BeingErased | undefined) {
  const key = beingErased ?? NO_ERASURES;
  let query = signInCandidateQueries.get(key);
  if (!query) signInCandidateQueries.set(key, (query = candidateQuery(beingErased)));
  return query;
}

function candidateQuery(beingErased: BeingErased | undefined) {
  return compiledOnce(3, (db: Db, lowerEmail: string, emailHash: string, deviceHash: string | null) =>
    db
      .selectFrom(sql<{ one: number }>`(select 1 as one)`.as('probe'))
      .leftJoin('users', (join) => join.on(sql<string>`lower(users.email)`, '=', lowerEmail))
      .leftJoin('signin_throttle', (join) => join.on('signin_throttle.email_hash', '=', emailHash))
      .selectAll('users')
      .select(['signin_throttle.email_hash as throttle_email_hash', 'signin_throttle.failures as throttle_failures', 'signin_throttle.window_started_at as throttle_window_started_at', 'signin_throttle.locked_until as throttle_locked_until'])
      .select((beingErased ? beingErased(sql.ref<string | null>('users.id')) : sql<boolean>`false`).as('being_erased'))
      .select(sql<boolean>`exists (select 1 from user_devices d where d.user_id = users.id and d.device_hash = ${deviceHash}::text)`.as('known_device'))
      .select(sql<boolean>`exists (select 1 from user_devices d where d.user_id = users.id)`.as('has_devices')),
  );
}

type BeingErased = (userId: Expression<string | null>) => RawBuilder<boolean>;

export async function isUserBeingErased(db: Db, userId: string, beingErased: BeingErased): Promise<boolean> {
  const r = await sql<{ erased: boolean }>`select ${beingErased(sql.val(userId))} as erased`.execute(db);
  return r.rows[0]?.erased === true;
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: Omit<UserRow, 'sessions_version'>) {
  await db.insertInto('users').values({ ...user, sessions_version: '0' }).execute();
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


export type SessionOpened = { isNewDevice: boolean; hadDevices: boolean };

/**
 * Opens a session, marks the account active and remembers the session's device (when it has one), as
 * one statement's CTEs (issue #12); its answer says whether the device is new and whether the account
 * had any device before it (both read from the state before the statement).
 */
export function sessionOpening(session: SessionRow, deviceHash: string | null): StatementChange<SessionOpened> {
  return {
    ctes: sql`
      opened as (
        insert into sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, revoked_at, user_agent, device_label, ip)
        values (${session.id}, ${session.token_hash}, ${session.user_id}, ${session.created_at}, ${session.last_seen_at}, ${session.expires_at},
                ${session.revoked_at}, ${session.user_agent}, ${session.device_label}, ${session.ip})
        returning user_id
      ),
      added as (
        insert into user_devices (user_id, device_hash, first_seen_at)
        -- No row to insert when the session keeps no device.
        select ${session.user_id}::uuid, ${deviceHash}::text, ${session.created_at}::timestamptz where ${deviceHash}::text is not null
        on conflict do nothing
        returning user_id
      ),
      marked as (update users set last_active_at = ${session.created_at} where id in (select user_id from opened) returning id)`,
    answer: sql`select exists (select 1 from added) as is_new_device, exists (select 1 from user_devices where user_id = ${session.user_id}) as had_devices from marked`,
    parse: (row) => ({ isNewDevice: row?.is_new_device === true, hadDevices: row?.had_devices === true }),
  };
}

/** `sessionOpening` as a statement of its own (inside a transaction that writes more). */
export async function insertSessionMarkingActive(db: Db, session: SessionRow, deviceHash: string | null): Promise<SessionOpened> {
  return makeStatementChange(db, sessionOpening(session, deviceHash));
}

export async function findLiveSessionByTokenHash(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      // Read in the same snapshot as the session: the row is current as long as this is (session-cache.ts).
      'users.sessions_version as changes_version',
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

/** The sessions versions of these accounts (see the migration that makes them); a deleted account has none. */
export async function sessionsVersionsOf(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'sessions_version']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, String(r.sessions_version)]));
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
