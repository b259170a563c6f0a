import type { RawBuilder } from 'kysely';
import type { Queryable } from '../../platform/db/index.js';
import { GENESIS_HASH, hashAuditEntry, hashedBodyAroundId } from './audit-hash.js';
import type { StatementChange, TAuditEntryInput } from '../../platform/unit-of-work/index.js';
import * as store from './audit.store.js';
import type { AuditTables } from './audit.tables.js';

export type AuditDeps = { now: () => Date };

/**
 * Writes one audit entry. Call it with the transaction that makes the change it records, so the
 * entry exists exactly when the change does.
 */
export async function recordAudit(trx: Queryable<AuditTables>, deps: AuditDeps, entry: TAuditEntryInput): Promise<number> {
  const { stored, body } = auditRow(deps, entry);
  // One statement: it moves the head under the head row's lock and inserts the entry (issue #12).
  const id = await store.appendAuditRowAtHead(trx, stored, body);
  if (id !== null) return id;
  // No head yet (the chain's first entry): the lock, then one that reads the head, numbers, hashes,
  // inserts and creates the head. The second starts after the lock is held, so it sees any head
  // another first writer committed meanwhile.
  await store.lockAuditChain(trx);
  return store.appendAuditRow(trx, stored, body, GENESIS_HASH);
}

/**
 * Makes a change given as one statement's CTEs and records its entry in that same statement, with no
 * transaction (issue #12); returns the change's answer, or null when the chain has no head yet (then
 * nothing was changed: make the change and `recordAudit` in a transaction instead).
 */
export async function recordAuditWith(db: Queryable<AuditTables>, deps: AuditDeps, entry: TAuditEntryInput, change: StatementChange): Promise<{ answer: Record<string, unknown> | null } | null> {
  const { stored, body } = auditRow(deps, entry);
  return store.changeAndAppendAuditRowAtHead(db, change, stored, body);
}

/** The row of an entry as it is stored, and the hashed text around its id that the database fills in. */
function auditRow(deps: AuditDeps, entry: TAuditEntryInput) {
  const row = {
    // Postgres keeps microseconds, JS milliseconds: store what the hash saw.
    at: new Date(Math.floor(deps.now().getTime())),
    actor_id: entry.actor.id,
    actor_role: entry.actor.role,
    action: entry.action,
    subject_id: entry.subjectId ?? null,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    request_id: entry.requestId ?? null,
    details: entry.details ?? {},
  };
  return { stored: { ...row, details: JSON.stringify(row.details) }, body: hashedBodyAroundId(row) };
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadId: number | null; problem: string };

/** Walks the chain in id order; names the first entry that was edited, deleted or reordered. */
export async function verifyAuditChain(db: Queryable<AuditTables>): Promise<AuditVerification> {
  // After a prune the chain starts at its anchor: the hash of the last entry pruned.
  const anchor = await store.getAuditAnchor(db);
  let prevHash = anchor?.anchor_hash ?? GENESIS_HASH;
  let lastId = anchor ? Number(anchor.pruned_through_id) : 0;
  let count = 0;
  for (;;) {
    const page = await store.listAuditPage(db, lastId, 1000);
    if (page.length === 0) break;
    for (const row of page) {
      count++;
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          entries: count,
          firstBadId: row.id,
          problem: `entry ${row.id} does not follow entry ${lastId || '(start)'}: an entry before it was deleted, inserted or reordered`,
        };
      }
      const expected = hashAuditEntry(prevHash, { ...row, details: row.details });
      if (expected !== row.hash) {
        return { ok: false, entries: count, firstBadId: row.id, problem: `entry ${row.id} was edited: its content no longer matches its hash` };
      }
      prevHash = row.hash;
      lastId = row.id;
    }
  }
  const head = await store.getAuditHead(db);
  if (head && (head.last_id !== lastId || head.last_hash !== prevHash)) {
    return {
      ok: false,
      entries: count,
      firstBadId: lastId === head.last_id ? lastId : null,
      problem: `the chain ends at entry ${lastId || '(start)'} but its head records entry ${head.last_id}: the newest entries were deleted or the head was edited`,
    };
  }
  return { ok: true, entries: count };
}

export async function listAuditForSubject(db: Queryable<AuditTables>, subjectId: string, limit = 200) {
  return store.listAuditForSubject(db, subjectId, limit);
}

/**
 * Prunes the audit trail from its start: the longest prefix whose every entry `due` accepts (the
 * retention engine's condition: period over, not held) is deleted, and the anchor keeps the last
 * pruned entry's hash, so the rest verifies from it. An entry not yet due (or held) stops the prefix:
 * the entries after it wait, which keeps the chain whole. Inside the caller's transaction, holding
 * the chain's lock; the prune is itself audited (with the anchor), so the new chain records it.
 */
export async function pruneAuditPrefix(trx: Queryable<AuditTables>, deps: AuditDeps, due: RawBuilder<boolean>): Promise<{ rows: number; throughId: number | null }> {
  await store.lockAuditChain(trx);
  const last = await store.findDuePrefix(trx, due);
  if (!last) return { rows: 0, throughId: null };
  const before = await store.getAuditAnchor(trx);
  const rows = await store.deletePrefix(trx, last.id);
  await store.saveAuditAnchor(trx, { pruned_through_id: last.id, anchor_hash: last.hash, pruned_rows: Number(before?.pruned_rows ?? 0) + rows, pruned_at: deps.now() });
  return { rows, throughId: last.id };
}
