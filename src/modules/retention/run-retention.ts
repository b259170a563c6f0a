import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, tablesOf, type TActor, type Work } from '../../platform/unit-of-work/index.js';
import { VAULT_OBJECT_COLUMN } from '../../platform/registry/index.js';
import { buildDisposalCertificate, certificateDigest, type DisposalCertificate } from './disposal-certificate.js';
import { loadSteps } from './load-steps.js';
import type { RetentionBaseDeps } from './retention.deps.js';
import type { RetentionStep } from './retention-steps.js';
import * as store from './retention.store.js';
import type { RetentionProgress, RetentionTables } from './retention.tables.js';
import { deleteDueBatch, dueSubjects, updateDueBatch } from './retention-walk.store.js';

const DEFAULT_BATCH_ROWS = 5000;
const tables = (work: Work) => tablesOf<RetentionTables>(work);

export type RetentionRunResult = { runId: string; resumed: boolean; certificate: DisposalCertificate; sha256: string };

/**
 * Runs retention, or resumes the run a stopped process left: one run at a time, as of the moment it
 * started. Each batch of rows is one transaction that also counts it in the run and audits it, so a
 * kill loses nothing and counts nothing twice; a finished step is not visited again. Files whose key
 * went with a batch are deleted from storage after its commit (and again on resume, if a kill came
 * between). The run ends with one disposal certificate, its digest written into the audit chain.
 */
export async function runRetention(deps: RetentionBaseDeps, opts: { actor?: TActor } = {}): Promise<RetentionRunResult> {
  const who = { actor: opts.actor ?? SYSTEM_ACTOR, requestId: null };
  const active = await deps.policy.current();
  const { run, resumed } = await startOrResume(deps, who, active.version);
  await deleteObjects(deps, run.progress.pendingObjects);
  const steps = await loadSteps(deps, active.values, run.as_of);
  const batchRows = deps.batchRows ?? DEFAULT_BATCH_ROWS;
  for (const step of steps) {
    if (run.progress.done.includes(step.key)) continue;
    if (step.enforcedBy === 'audit' && deps.pruneAudit) {
      const prune = deps.pruneAudit;
      await deps.uow.run(who, (work) => pruneAuditTrail(work, run.id, step, prune));
      continue;
    }
    if (step.enforcedBy) continue;
    for (;;) {
      const batch = await deps.uow.run(who, (work) => disposeBatch(deps, work, run.id, step, batchRows));
      await deleteObjects(deps, batch.objects);
      // Table, category and a count only: no personal data. Operators (and the crash test) see a run advance.
      if (batch.rows > 0) deps.log.info({ step: step.key, rows: batch.rows }, 'retention batch committed');
      await deps.afterBatch?.(step.key);
      if (batch.finished) break;
    }
  }
  return finish(deps, who, run.id, resumed);
}

async function startOrResume(deps: RetentionBaseDeps, who: { actor: TActor; requestId: null }, policyVersion: number) {
  const running = await store.findRunningRun(deps.db);
  if (running) return { run: running, resumed: true };
  const id = randomUUID();
  const now = deps.now();
  const progress: RetentionProgress = { done: [], counts: {}, pendingObjects: [] };
  try {
    await deps.uow.run(who, async (work) => {
      await store.insertRun(tables(work), { id, as_of: now, status: 'running', progress: JSON.stringify(progress), policy_version: policyVersion, certificate: null, certificate_sha256: null, started_at: now, completed_at: null });
      await work.audit({ action: 'retention.started', target: { type: 'retention_run', id }, details: { asOf: now.toISOString(), policyVersion } });
    });
  } catch (error) {
    // Another process started a run between our look and our insert (one may run at a time): join it.
    const other = await store.findRunningRun(deps.db);
    if (!other) throw error;
    return { run: other, resumed: true };
  }
  return { run: (await store.findRunningRun(deps.db))!, resumed: false };
}

/** One batch of one step, in one transaction with its count and its audit entry. */
async function disposeBatch(deps: RetentionBaseDeps, work: Work, runId: string, step: RetentionStep, limit: number): Promise<{ finished: boolean; objects: string[]; rows: number }> {
  const run = await store.lockRun(tables(work), runId);
  if (run.status !== 'running' || run.progress.done.includes(step.key)) return { finished: true, objects: [], rows: 0 };
  const db = work.trx as Kysely<unknown>;
  let rows: number;
  let objects: string[] = [];
  const progress = run.progress;
  if (step.effect.kind === 'erase') {
    if (!deps.startAccountErasure) return { finished: true, objects: [], rows: 0 };
    const after = progress.cursors?.[step.key] ?? null;
    const subjects = await dueSubjects(db, step.table, step.effect.subject, step.due, after, limit);
    rows = 0;
    for (const subject of subjects) if (await deps.startAccountErasure(work, subject)) rows++;
    if (subjects.length > 0) progress.cursors = { ...progress.cursors, [step.key]: subjects.at(-1)! };
    return recordBatch(work, runId, step, progress, { rows, objects, shredded: 0, finished: subjects.length < limit });
  }
  if (step.effect.kind === 'update') {
    rows = await updateDueBatch(db, step.table, step.due, step.effect.sets, limit);
  } else {
    const gone = await deleteDueBatch(db, step.table, step.due, step.clock, step.vaultBacked ? VAULT_OBJECT_COLUMN : null, limit);
    rows = gone.length;
    objects = gone.map((g) => g.object).filter((o): o is string => o !== null);
    if (step.rule.end_action === 'aggregate') await store.addAggregates(tables(work), monthlyCounts(step, gone.map((g) => g.clock)));
  }
  // An upload and its file share one object: a file is counted once, by the step that shredded it.
  const shredded = (await Promise.all(objects.map(async (o) => ((await deps.fileVault.storage.exists(o)) ? 1 : 0)))).reduce<number>((n, x) => n + x, 0);
  return recordBatch(work, runId, step, progress, { rows, objects, shredded, finished: rows < limit });
}

/** The audit trail goes as whole prefixes of its chain, in one transaction, counted like a batch. */
async function pruneAuditTrail(work: Work, runId: string, step: RetentionStep, prune: NonNullable<RetentionBaseDeps['pruneAudit']>) {
  const run = await store.lockRun(tables(work), runId);
  if (run.status !== 'running' || run.progress.done.includes(step.key)) return;
  const { rows } = await prune(work, step.due);
  await recordBatch(work, runId, step, run.progress, { rows, objects: [], shredded: 0, finished: true });
}

/** Counts a batch in the run's progress and audits it, in the batch's own transaction. */
async function recordBatch(work: Work, runId: string, step: RetentionStep, progress: RetentionProgress, batch: { rows: number; objects: string[]; shredded: number; finished: boolean }) {
  const { rows, objects, shredded, finished } = batch;
  const action = step.effect.kind === 'erase' ? 'erase' : step.rule.end_action;
  const count = progress.counts[step.key] ?? { table: step.table, category: step.category, action, rows: 0, files: 0 };
  progress.counts[step.key] = { ...count, rows: count.rows + rows, files: count.files + shredded };
  progress.pendingObjects = objects;
  if (finished) progress.done.push(step.key);
  await store.saveProgress(tables(work), runId, progress);
  if (rows > 0) {
    await work.audit({ action: 'retention.disposed', target: { type: 'retention_run', id: runId }, details: { table: step.table, category: step.category, action, rows, files: shredded } });
  }
  return { finished, objects, rows };
}

function monthlyCounts(step: RetentionStep, clocks: Array<Date | null>) {
  const byMonth = new Map<string, number>();
  for (const clock of clocks) {
    const period = clock ? `${clock.toISOString().slice(0, 7)}-01` : '0001-01-01';
    byMonth.set(period, (byMonth.get(period) ?? 0) + 1);
  }
  return [...byMonth].map(([period, rows]) => ({ table_name: step.table, category: step.category, period, rows }));
}

async function finish(deps: RetentionBaseDeps, who: { actor: TActor; requestId: null }, runId: string, resumed: boolean): Promise<RetentionRunResult> {
  return deps.uow.run(who, async (work) => {
    const run = await store.lockRun(tables(work), runId);
    if (run.status === 'completed') {
      const certificate = run.certificate as unknown as DisposalCertificate;
      return { runId, resumed, certificate, sha256: run.certificate_sha256 ?? certificateDigest(certificate) };
    }
    const certificate = buildDisposalCertificate({ runId, asOf: run.as_of, startedAt: run.started_at, completedAt: deps.now(), policyVersion: run.policy_version, counts: run.progress.counts });
    const sha256 = certificateDigest(certificate);
    await store.completeRun(tables(work), runId, { certificate, sha256, at: new Date(certificate.completedAt), progress: { ...run.progress, pendingObjects: [] } });
    await work.audit({ action: 'retention.certified', target: { type: 'retention_run', id: runId }, details: { sha256, rows: certificate.totalRows, files: certificate.totalFiles, policyVersion: run.policy_version } });
    return { runId, resumed, certificate, sha256 };
  });
}

async function deleteObjects(deps: RetentionBaseDeps, keys: string[]) {
  for (const key of keys) {
    try {
      await deps.fileVault.storage.delete(key);
    } catch (error) {
      deps.log.warn({ err: (error as Error).message }, 'a disposed file could not be deleted from storage (its key is already destroyed)');
    }
  }
}
