import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import type { AuditTables } from './audit.tables.js';

type Db = Queryable<AuditTables>;

/** Serialises writers of the chain until their transaction ends; a fork of the chain is impossible. */
export async function lockAuditChain(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('meshvault.audit_chain'))`.execute(db);
  // Appends lock the head row rather than the advisory lock: a prune waits for them too.
  await sql`select 1 from audit_head where id = 1 for update`.execute(db);
}

export async function getAuditHead(db: Db) {
  return db.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
}

type NewAuditRow = AuditTables['audit_log'] extends infer T ? Omit<T, 'id' | 'details' | 'prev_hash' | 'hash'> & { details: string } : never;

/**
 * Appends one entry to the chain in one statement, without a lock of its own: the update of the head
 * row locks it, and is evaluated on the newest committed head (a writer that waited re-reads it), so
 * the id (drawn from the sequence inside that evaluation) and the chain follow the order writers take
 * the head in; the head's previous hash goes to the entry. Null when there is no head yet (the very
 * first entry): then `lockAuditChain` and `appendAuditRow` start the chain.
 */
export async function appendAuditRowAtHead(db: Db, row: NewAuditRow, body: { before: string; after: string }): Promise<number | null> {
  const r = await sql<{ id: number }>`with ${entryAtHead(row, body)} select id from entry`.execute(db);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/**
 * Makes a change and appends its entry at the head in one statement, as `appendAuditRowAtHead` does
 * (issue #12: a change that is one statement needs no transaction around it and its entry). `ctes`
 * are the change's data-modifying CTEs (`name as (...)`, comma-separated) and `answer` a select over
 * them; returns its first row as JSON. Null when there is no head yet: the statement then fails on
 * purpose (division by zero, so nothing of it stays) and the caller makes the change the long way.
 */
export async function changeAndAppendAuditRowAtHead(
  db: Db,
  change: { ctes: RawBuilder<unknown>; answer: RawBuilder<unknown> },
  row: NewAuditRow,
  body: { before: string; after: string },
): Promise<{ answer: Record<string, unknown> | null } | null> {
  try {
    const r = await sql<{ answer: Record<string, unknown> | null }>`
      with ${change.ctes}, answer as (${change.answer}), ${entryAtHead(row, body)}
      select (select to_jsonb(a) from answer a limit 1) as answer, 1 / (select count(*)::int from entry) as appended`.execute(db);
    return { answer: r.rows[0]?.answer ?? null };
  } catch (error) {
    if ((error as { code?: unknown }).code === NO_HEAD) return null;
    throw error;
  }
}

/** division_by_zero: what `changeAndAppendAuditRowAtHead` fails with when the chain has no head. */
const NO_HEAD = '22012';

/** The CTEs `head` (moved to the new entry) and `entry` (inserted, returning its id) of an append at the head. */
function entryAtHead(row: NewAuditRow, body: { before: string; after: string }): RawBuilder<unknown> {
  return sql`
    head as (
      update audit_head h set (last_id, last_hash, prev_hash) = (
        select n.id, encode(sha256(convert_to(h.last_hash || chr(10) || ${body.before}::text || n.id::text || ${body.after}::text, 'UTF8')), 'hex'), h.last_hash
        from (select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id) n
      )
      where h.id = 1
      returning last_id, last_hash, prev_hash
    ),
    entry as (${insertEntry(row, { from: 'head', id: 'last_id', hash: 'last_hash' })} returning id)`;
}

/** Inserts the entry `row`, its id, previous hash (`prev_hash`) and hash read from the CTE `from`. */
function insertEntry(row: NewAuditRow, source: { from: string; id: string; hash: string }): RawBuilder<unknown> {
  return sql`
    insert into audit_log
      (id, at, actor_id, actor_role, action, subject_id, target_type, target_id, request_id, details, prev_hash, hash)
    overriding system value
    select ${sql.ref(source.id)}, ${row.at}, ${row.actor_id}, ${row.actor_role}, ${row.action}, ${row.subject_id},
           ${row.target_type}, ${row.target_id}, ${row.request_id}, ${row.details}::jsonb, prev_hash, ${sql.ref(source.hash)}
    from ${sql.table(source.from)}`;
}

/**
 * Appends one entry to the chain in one statement (call it holding `lockAuditChain`, in a statement of
 * its own before this one so that this one reads the head the previous writer committed): reads the
 * head, takes the next id, hashes `prev_hash || '\n' || before || id || after` (see hashedBodyAroundId),
 * inserts the entry and moves the head. Returns the id.
 */
export async function appendAuditRow(db: Db, row: NewAuditRow, body: { before: string; after: string }, genesisHash: string): Promise<number> {
  const r = await sql<{ id: number }>`
    with head as (
      select coalesce((select last_hash from audit_head where id = 1), ${genesisHash}) as prev_hash
    ), entry as (
      select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id, prev_hash from head
    ), hashed as (
      select id, prev_hash,
             encode(sha256(convert_to(prev_hash || chr(10) || ${body.before}::text || id::text || ${body.after}::text, 'UTF8')), 'hex') as hash
      from entry
    ), inserted as (${insertEntry(row, { from: 'hashed', id: 'id', hash: 'hash' })} returning id, hash)
    insert into audit_head (id, last_id, last_hash)
    select 1, id, hash from inserted
    on conflict (id) do update set last_id = excluded.last_id, last_hash = excluded.last_hash
    returning last_id as id`.execute(db);
  return Number(r.rows[0]!.id);
}

export async function listAuditPage(db: Db, afterId: number, limit: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function listAuditForSubject(db: Db, subjectId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => eb.or([eb('subject_id', '=', subjectId), eb('actor_id', '=', subjectId)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function getAuditAnchor(db: Db) {
  return db.selectFrom('audit_anchor').select(['pruned_through_id', 'anchor_hash', 'pruned_rows']).where('id', '=', 1).executeTakeFirst();
}

/**
 * The last id of the longest prefix of the chain whose every entry `due` accepts (0: none), and that
 * entry's hash. `due` is a condition on `audit_log` rows (retention's: period over, not held).
 */
export async function findDuePrefix(db: Db, due: RawBuilder<boolean>): Promise<{ id: number; hash: string } | null> {
  const r = await sql<{ id: number | string; hash: string }>`
    select id, hash from audit_log
    where id < coalesce((select min(id) from audit_log where not coalesce((${due}), false)), (select max(id) + 1 from audit_log))
    order by id desc limit 1`.execute(db);
  const row = r.rows[0];
  return row ? { id: Number(row.id), hash: row.hash } : null;
}

/** Deletes the prefix through `throughId` (only in the prune's own transaction does the trigger allow it). */
export async function deletePrefix(db: Db, throughId: number): Promise<number> {
  await sql`select set_config('meshvault.audit_maintenance', 'on', true)`.execute(db);
  const r = await sql`delete from audit_log where id <= ${throughId}`.execute(db);
  await sql`select set_config('meshvault.audit_maintenance', 'off', true)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function saveAuditAnchor(db: Db, anchor: { pruned_through_id: number; anchor_hash: string; pruned_rows: number; pruned_at: Date }) {
  await db
    .insertInto('audit_anchor')
    .values({ id: 1, ...anchor })
    .onConflict((oc) => oc.column('id').doUpdateSet({ pruned_through_id: anchor.pruned_through_id, anchor_hash: anchor.anchor_hash, pruned_rows: anchor.pruned_rows, pruned_at: anchor.pruned_at }))
    .execute();
}
