import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../platform/errors/index.js';
import { hashToken, signLink } from '../../platform/crypto/index.js';
import { SYSTEM_ACTOR, tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import { findNewestMailId } from '../mail/index.js';
import { readForeignKeys } from '../subject-data/index.js';
import { eraseTable, type TableOutcome } from './erase-table.js';
import { buildCertificate, certificateText, type ErasureCertificate } from './erasure-certificate.js';
import { erasureHolds, type ErasureHolds } from './erasure-holds.js';
import { erasureOrder, SESSIONS_TABLE, signInTables } from './erasure-scopes.js';
import { appendLedgerFile, ledgerEntryFor, putLedgerObject } from './erasure-ledger.js';
import type { ErasureBaseDeps, ErasureDeps } from './erasure.deps.js';
import * as store from './erasure.store.js';
import type { ErasureOrigin, ErasureProgress, ErasureTables } from './erasure.tables.js';
import { erasureMails } from './erasure.mails.js';

const REQUESTED_BY: Record<ErasureOrigin, ErasureCertificate['requestedBy']> = {
  self: 'you',
  org_admin: 'your organisation administrator',
  privacy_officer: 'our privacy officer',
  replay: 'a repeat after a backup restore',
  retention: 'our retention schedule, at the end of your closed account\'s archive period',
};

const tables = (work: Work) => tablesOf<ErasureTables>(work);

export type ErasureHooks = {
  /** Called after each table's transaction commits (tests simulate a crash here). */
  afterTable?: (table: string) => void;
  /** The job attempt: delivery of the certificate is retried on early attempts only. */
  attempt?: number;
};

export function certificateToken(deps: Pick<ErasureBaseDeps, 'fileVault'>, erasureId: string): string {
  return signLink(deps.fileVault.masterKeys(), 'erasure-certificate', erasureId);
}

/**
 * Records an erasure of `userId` and queues the job that carries it out, inside the caller's work
 * (bound, other modules call it as `startErasure(work, input)`). `actor` names who asked when the
 * audit entry must name someone else than the work's actor. Returns the id and the token that opens
 * its certificate (the account will be gone).
 */
export async function startErasure(deps: ErasureDeps, work: Work, input: { userId: string; origin: ErasureOrigin; actor?: TActor; queue?: boolean }) {
  const db = tables(work);
  const running = await store.findOpenErasureOf(db, input.userId);
  if (running) return { erasureId: running.id, token: certificateToken(deps, running.id) };
  const id = randomUUID();
  const token = certificateToken(deps, id);
  const progress: ErasureProgress = { done: [], counts: {}, pendingObjects: [], certificateSent: false };
  await store.insertErasure(db, {
    id,
    user_id: input.userId,
    requested_by_role: (input.actor ?? work.actor).role,
    origin: input.origin,
    status: 'planned',
    progress: JSON.stringify(progress),
    certificate: null,
    certificate_text: null,
    certificate_token_hash: hashToken(token),
    policy_version: null,
    created_at: deps.now(),
    completed_at: null,
  });
  await work.audit({ ...(input.actor ? { actor: input.actor } : {}), action: 'rights.erasure_requested', subjectId: input.userId, target: { type: 'erasure', id }, details: { origin: input.origin } });
  if (input.queue ?? input.origin !== 'replay') await work.enqueue(deps.erasureJob, { erasureId: id });
  return { erasureId: id, token };
}

/**
 * Erases an account on the operator's or a privacy officer's decision (CLI, postal requests).
 * With `queue: false` nothing runs until `runErasure` is called (the CLI runs it in-process).
 */
export async function eraseAccount(deps: ErasureDeps, actor: TActor, userId: string, opts: { queue: boolean }) {
  return deps.uow.run({ actor, requestId: null }, (work) => startErasure(deps, work, { userId, origin: 'privacy_officer', queue: opts.queue }));
}

/**
 * Whether an erasure of this account was asked for and has not finished, or finished keeping what a
 * legal hold covers (the account may be among it): accounts refuses sign-in meanwhile. Asked inside
 * the caller's work (an embedded database has one connection).
 */
export async function isBeingErased(work: Work, userId: string): Promise<boolean> {
  return (await store.findErasureNaming(tables(work), userId)) !== undefined;
}

/**
 * The question `isBeingErased` asks, as a condition on a user id that another module puts into a
 * query of its own: a sign-in asks it in the statement that reads the account (issue #12).
 */
export const beingErasedCondition = store.erasureNamingCondition;

/** For other modules, in their work: the erasures under way of any of `userIds` (who, and since when). */
export async function listErasuresUnderWay(work: Work, userIds: readonly string[]) {
  return store.listOpenErasuresOf(tables(work), userIds);
}

/**
 * Carries out an erasure; idempotent and resumable. Each table is one transaction that also records
 * the table as done, so a crash (or a kill) between tables resumes after the last committed one.
 */
export async function runErasure(deps: ErasureBaseDeps, erasureId: string, hooks: ErasureHooks = {}): Promise<void> {
  const first = await store.findErasure(deps.db, erasureId);
  if (!first || first.status === 'completed') return;
  const userId = first.user_id;
  const active = await deps.policy.current();
  const anyDb = deps.db as unknown as Kysely<unknown>;
  const scopes = await erasureOrder(anyDb, deps.registry);
  // The holds in force when this run starts; a hold opened later applies to the next run.
  const foreignKeys = await readForeignKeys(anyDb);
  const secrets = signInTables(scopes, foreignKeys);
  const allHolds = await erasureHolds(anyDb, deps.registry, foreignKeys, deps.now());
  const holds = (table: string) => (secrets.has(table) ? undefined : allHolds);
  const ownRow = sql<boolean>`id = ${erasureId}`;
  if (userId && first.status === 'planned') await planErasure(deps, erasureId, userId, active, scopes, ownRow, holds);
  if (userId) await deliverCertificate(deps, erasureId, userId, hooks.attempt ?? 0);

  for (const scope of scopes) {
    const erasure = await store.findErasure(deps.db, erasureId);
    if (!erasure || !userId || erasure.progress.done.includes(scope.table)) continue;
    const objects = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      const db = tables(work);
      const locked = await store.lockErasure(db, erasureId);
      if (!locked || locked.progress.done.includes(scope.table)) return [];
      const user = await findUserContact(work, userId);
      const outcome = await eraseTable(work.trx, scope, { userId, email: user?.email ?? null }, active.values, {
        dryRun: false,
        holds: holds(scope.table),
        ...(scope.table === 'erasures' ? { exclude: ownRow } : {}),
      });
      const heldBy = [...new Set([...(locked.progress.heldBy ?? []), ...outcome.held.map((h) => h.holdId)])];
      const progress: ErasureProgress = {
        ...locked.progress,
        ...(heldBy.length ? { heldBy } : {}),
        done: [...locked.progress.done, scope.table],
        counts: { ...locked.progress.counts, [scope.table]: { deleted: outcome.deleted, updated: outcome.updated, kept: outcome.kept } },
        pendingObjects: [...locked.progress.pendingObjects, ...outcome.objects],
      };
      await store.saveProgress(db, erasureId, progress);
      if (outcome.deleted + outcome.updated > 0) {
        await work.audit({ action: 'rights.erasure_table', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { table: scope.table, deleted: outcome.deleted, updated: outcome.updated, kept: outcome.kept, shredded: outcome.objects.length } });
      }
      for (const held of outcome.held) {
        await work.audit({ action: 'rights.erasure_held', subjectId: userId, target: { type: 'legal_hold', id: held.holdId }, details: { erasureId, table: scope.table, rows: held.rows } });
      }
      return outcome.objects;
    });
    deps.log.info({ erasureId, table: scope.table }, 'erasure step committed');
    // The keys went with the rows: the ciphertext is noise now; deleting it only frees space.
    await deleteObjects(deps, objects);
    hooks.afterTable?.(scope.table);
  }
  // A process killed between a table's commit and its deletions left those objects behind: delete them now.
  const last = await store.findErasure(deps.db, erasureId);
  await deleteObjects(deps, last?.progress.pendingObjects ?? []);
  await finishErasure(deps, erasureId, userId);
}

async function planErasure(deps: ErasureBaseDeps, erasureId: string, userId: string, active: Awaited<ReturnType<ErasureBaseDeps['policy']['current']>>, scopes: Awaited<ReturnType<typeof erasureOrder>>, ownRow: ReturnType<typeof sql<boolean>>, holds: (table: string) => ErasureHolds | undefined) {
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tables(work);
    const erasure = await store.lockErasure(db, erasureId);
    if (!erasure || erasure.status !== 'planned') return;
    const user = await findUserContact(work, userId);
    const outcomes: TableOutcome[] = [];
    for (const scope of scopes) {
      outcomes.push(await eraseTable(work.trx, scope, { userId, email: user?.email ?? null }, active.values, { dryRun: true, holds: holds(scope.table), ...(scope.table === 'erasures' ? { exclude: ownRow } : {}) }));
    }
    const certificate = buildCertificate({ erasureId, requestedAt: erasure.created_at, policyVersion: active.version, requestedBy: REQUESTED_BY[erasure.origin], outcomes, sessionsTable: SESSIONS_TABLE });
    const text = certificateText(certificate);
    if (user) {
      const entry = ledgerEntryFor(deps.fileVault.masterKeys(), userId, user.email, deps.now());
      await store.insertLedgerEntry(db, entry);
      // Outside the database too: restoring an older database must not roll the ledger back.
      await appendLedgerFile(deps.dataDir, entry);
      if (deps.sharedLedger) await putLedgerObject(deps.sharedLedger, entry);
    }
    await store.markRunning(db, erasureId, { certificate, text, policyVersion: active.version });
    await work.audit({ action: 'rights.erasure_planned', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { removed: certificate.removed.length, kept: certificate.kept.length, held: certificate.held.length } });
  });
}

/**
 * The certificate must leave before the address is erased. A failed SMTP hand-over is retried by the
 * job; after the retries the erasure goes on regardless (the certificate stays available by its link).
 */
async function deliverCertificate(deps: ErasureBaseDeps, erasureId: string, userId: string, attempt: number) {
  const erasure = await store.findErasure(deps.db, erasureId);
  if (!erasure || erasure.progress.certificateSent || erasure.origin === 'replay' || !erasure.certificate_text) return;
  const text = erasure.certificate_text;
  // The unit of work hands the message to the relay once it has committed, before `run` returns.
  const mailId = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const user = await findUserContact(work, userId);
    if (!user) return null;
    const link = `${deps.publicUrl}/privacy/erasure/${erasureId}?token=${certificateToken(deps, erasureId)}`;
    const who = REQUESTED_BY[erasure.origin];
    await work.mail({ to: user.email, userId, ...erasureMails.certificate(who, text, link) });
    return findNewestMailId(work, userId, erasureMails.certificate.kind);
  });
  if (mailId) {
    const after = await deps.mail.get(mailId);
    if (after && !after.sent_at && after.last_error && attempt < 2) {
      throw new AppError('unavailable', 'The erasure certificate could not be e-mailed yet; the erasure is retried.');
    }
  }
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tables(work);
    const locked = await store.lockErasure(db, erasureId);
    if (locked) await store.saveProgress(db, erasureId, { ...locked.progress, certificateSent: true });
  });
}

async function deleteObjects(deps: ErasureBaseDeps, keys: string[]) {
  for (const key of keys) {
    try {
      await deps.fileVault.storage.delete(key);
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'erased object could not be deleted from storage (its key is already destroyed)');
    }
  }
}

async function finishErasure(deps: ErasureBaseDeps, erasureId: string, userId: string | null) {
  await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
    const db = tables(work);
    const erasure = await store.lockErasure(db, erasureId);
    if (!erasure || erasure.status === 'completed') return;
    // What a hold kept is erased once it is released (`requeueHeldErasures`): until then the erasure keeps the account id.
    const heldBy = erasure.progress.heldBy ?? [];
    await store.markCompleted(db, erasureId, deps.now(), { ...erasure.progress, pendingObjects: [] }, { keepUser: heldBy.length > 0 });
    await work.audit({ action: 'rights.erasure_completed', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { tables: erasure.progress.done.length, heldBy } });
  });
}
