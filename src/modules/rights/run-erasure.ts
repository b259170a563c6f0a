import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../../platform/errors/index.js';
import type { Queryable } from '../../platform/db/index.js';
import { hashToken } from '../../platform/crypto/index.js';
import { recordAudit } from '../audit/index.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/unit-of-work/index.js';
import { eraseTable, type TableOutcome } from './erase-table.js';
import { buildCertificate, certificateText, type ErasureCertificate } from './erasure-certificate.js';
import { erasureOrder, SESSIONS_TABLE } from './erasure-scopes.js';
import { appendLedgerFile, insertLedgerEntry, ledgerEntryFor } from './erasure-ledger.js';
import { signLink } from './link-signing.js';
import type { RightsBaseDeps, RightsDb, RightsDeps } from './rights.deps.js';
import type { ErasureOrigin, ErasureProgress } from './rights.tables.js';
import * as store from './rights.store.js';

const REQUESTED_BY: Record<ErasureOrigin, ErasureCertificate['requestedBy']> = {
  self: 'you',
  org_admin: 'your organisation administrator',
  privacy_officer: 'our privacy officer',
  replay: 'a repeat after a backup restore',
};

export type ErasureHooks = {
  /** Called after each table's transaction commits (tests simulate a crash here). */
  afterTable?: (table: string) => void;
  /** The job attempt: delivery of the certificate is retried on early attempts only. */
  attempt?: number;
};

export function certificateToken(deps: Pick<RightsBaseDeps, 'fileVault'>, erasureId: string): string {
  return signLink(deps.fileVault.masterKeys(), 'erasure-certificate', erasureId);
}

/**
 * Records an erasure of `userId` and queues the job that carries it out, inside the caller's
 * transaction. Returns the id and the token that opens its certificate (the account will be gone).
 */
export async function startErasure(trx: Queryable<RightsDb>, deps: RightsDeps, input: { userId: string; origin: ErasureOrigin; actor: TActor; requestId: string | null; queue?: boolean }) {
  const running = await store.findOpenErasureOf(trx, input.userId);
  if (running) return { erasureId: running.id, token: certificateToken(deps, running.id) };
  const id = randomUUID();
  const token = certificateToken(deps, id);
  const progress: ErasureProgress = { done: [], counts: {}, pendingObjects: [], certificateSent: false };
  await store.insertErasure(trx, {
    id,
    user_id: input.userId,
    requested_by_role: input.actor.role,
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
  await recordAudit(trx, deps, { actor: input.actor, action: 'rights.erasure_requested', subjectId: input.userId, target: { type: 'erasure', id }, requestId: input.requestId, details: { origin: input.origin } });
  if (input.queue ?? input.origin !== 'replay') await deps.jobs.send(deps.erasureJob, { erasureId: id }, { transaction: trx as Transaction<RightsDb> });
  return { erasureId: id, token };
}

/**
 * Carries out an erasure; idempotent and resumable. Each table is one transaction that also records
 * the table as done, so a crash (or a kill) between tables resumes after the last committed one.
 */
export async function runErasure(deps: RightsBaseDeps, erasureId: string, hooks: ErasureHooks = {}): Promise<void> {
  const first = await store.findErasure(deps.db, erasureId);
  if (!first || first.status === 'completed') return;
  const userId = first.user_id;
  const active = await deps.policy.current();
  const scopes = await erasureOrder(deps.db as unknown as Kysely<unknown>, deps.registry);
  const ownRow = sql<boolean>`id = ${erasureId}`;
  if (userId && first.status === 'planned') await planErasure(deps, erasureId, userId, active, scopes, ownRow);
  if (userId) await deliverCertificate(deps, erasureId, userId, hooks.attempt ?? 0);

  for (const scope of scopes) {
    const erasure = await store.findErasure(deps.db, erasureId);
    if (!erasure || !userId || erasure.progress.done.includes(scope.table)) continue;
    const objects = await deps.db.transaction().execute(async (trx) => {
      const locked = await store.lockErasure(trx, erasureId);
      if (!locked || locked.progress.done.includes(scope.table)) return [];
      const user = await store.findUser(trx, userId);
      const outcome = await eraseTable(trx as unknown as Transaction<unknown>, scope, { userId, email: user?.email ?? null }, active.values, {
        dryRun: false,
        ...(scope.table === 'erasures' ? { exclude: ownRow } : {}),
      });
      const progress: ErasureProgress = {
        ...locked.progress,
        done: [...locked.progress.done, scope.table],
        counts: { ...locked.progress.counts, [scope.table]: { deleted: outcome.deleted, updated: outcome.updated, kept: outcome.kept } },
        pendingObjects: [...locked.progress.pendingObjects, ...outcome.objects],
      };
      await store.saveProgress(trx, erasureId, progress);
      if (outcome.deleted + outcome.updated > 0) {
        await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.erasure_table', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { table: scope.table, deleted: outcome.deleted, updated: outcome.updated, kept: outcome.kept, shredded: outcome.objects.length } });
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

async function planErasure(deps: RightsBaseDeps, erasureId: string, userId: string, active: Awaited<ReturnType<RightsBaseDeps['policy']['current']>>, scopes: Awaited<ReturnType<typeof erasureOrder>>, ownRow: ReturnType<typeof sql<boolean>>) {
  await deps.db.transaction().execute(async (trx) => {
    const erasure = await store.lockErasure(trx, erasureId);
    if (!erasure || erasure.status !== 'planned') return;
    const user = await store.findUser(trx, userId);
    const outcomes: TableOutcome[] = [];
    for (const scope of scopes) {
      outcomes.push(await eraseTable(trx as unknown as Transaction<unknown>, scope, { userId, email: user?.email ?? null }, active.values, { dryRun: true, ...(scope.table === 'erasures' ? { exclude: ownRow } : {}) }));
    }
    const certificate = buildCertificate({ erasureId, requestedAt: erasure.created_at, policyVersion: active.version, requestedBy: REQUESTED_BY[erasure.origin], outcomes, sessionsTable: SESSIONS_TABLE });
    const text = certificateText(certificate);
    if (user) {
      const entry = ledgerEntryFor(deps.fileVault.masterKeys(), userId, user.email, deps.now());
      await insertLedgerEntry(trx, entry);
      // Outside the database too: restoring an older database must not roll the ledger back.
      await appendLedgerFile(deps.dataDir, entry);
    }
    await trx
      .updateTable('erasures')
      .set({ status: 'running', certificate: JSON.stringify(certificate), certificate_text: text, policy_version: active.version })
      .where('id', '=', erasureId)
      .execute();
    await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.erasure_planned', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { removed: certificate.removed.length, kept: certificate.kept.length } });
  });
}

/**
 * The certificate must leave before the address is erased. A failed SMTP hand-over is retried by the
 * job; after the retries the erasure goes on regardless (the certificate stays available by its link).
 */
async function deliverCertificate(deps: RightsBaseDeps, erasureId: string, userId: string, attempt: number) {
  const erasure = await store.findErasure(deps.db, erasureId);
  if (!erasure || erasure.progress.certificateSent || erasure.origin === 'replay' || !erasure.certificate_text) return;
  const text = erasure.certificate_text;
  const { deliver, mailId } = await deps.db.transaction().execute(async (trx) => {
    const user = await store.findUser(trx, userId);
    if (!user) return { deliver: null, mailId: null };
    const link = `${deps.publicUrl}/privacy/erasure/${erasureId}?token=${certificateToken(deps, erasureId)}`;
    const who = REQUESTED_BY[erasure.origin];
    const deliver = await deps.mail.enqueue(trx, {
      to: user.email,
      userId,
      kind: 'rights.erasure_certificate',
      subject: 'Your account is being erased: your erasure certificate',
      text: `As ${who === 'you' ? 'you' : who} asked, we are erasing your account now. This is the last e-mail we send to this address: it is erased next.\n\n${text}\n\nThe certificate stays available (it names no one) at:\n${link}\n`,
    });
    const row = await trx.selectFrom('mail_outbox').select('id').where('user_id', '=', userId).where('kind', '=', 'rights.erasure_certificate').orderBy('created_at', 'desc').executeTakeFirst();
    return { deliver, mailId: row?.id ?? null };
  });
  if (deliver && mailId) {
    await deliver();
    const after = await deps.mail.get(mailId);
    if (after && !after.sent_at && after.last_error && attempt < 2) {
      throw new AppError('unavailable', 'The erasure certificate could not be e-mailed yet; the erasure is retried.');
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    const locked = await store.lockErasure(trx, erasureId);
    if (locked) await store.saveProgress(trx, erasureId, { ...locked.progress, certificateSent: true });
  });
}

async function deleteObjects(deps: RightsBaseDeps, keys: string[]) {
  for (const key of keys) {
    try {
      await deps.fileVault.storage.delete(key);
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'erased object could not be deleted from storage (its key is already destroyed)');
    }
  }
}

async function finishErasure(deps: RightsBaseDeps, erasureId: string, userId: string | null) {
  await deps.db.transaction().execute(async (trx) => {
    const erasure = await store.lockErasure(trx, erasureId);
    if (!erasure || erasure.status === 'completed') return;
    await trx
      .updateTable('erasures')
      .set({ status: 'completed', completed_at: deps.now(), user_id: null, progress: JSON.stringify({ ...erasure.progress, pendingObjects: [] }) })
      .where('id', '=', erasureId)
      .execute();
    await recordAudit(trx, deps, { actor: SYSTEM_ACTOR, action: 'rights.erasure_completed', subjectId: userId, target: { type: 'erasure', id: erasureId }, details: { tables: erasure.progress.done.length } });
  });
}
