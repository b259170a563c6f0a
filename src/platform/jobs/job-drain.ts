import type PgBoss from 'pg-boss';
import type { Logger } from '../log/index.js';
import type { JobDefinition } from './job-definition.js';
import type { JobLiveness } from './job-liveness.js';
import { runFetchedJob, type RunningJob } from './job-run.js';

export type DrainOptions = {
  /** Only these jobs' queues; by default every queue registered with work(). */
  only?: ReadonlyArray<JobDefinition | string>;
  /** Gives up (throws) rather than run more than this many jobs: a job that queues itself for ever. Default 1000. */
  maxJobs?: number;
};

export type DrainReport = {
  /** Runs that completed, per queue: `{ 'rights.erase.v1': 1 }`. Queues with none are absent. */
  completed: Record<string, number>;
  /** Runs that failed, in the order they ran; `willRetry` when pg-boss will run the job again later. */
  failed: Array<{ queue: string; jobId: string; attempt: number; error: string; willRetry: boolean }>;
};

export type DrainDeps = {
  boss: PgBoss;
  definitions: readonly JobDefinition[];
  log: Logger;
  exhaustRetries: (queue: string, jobId: string) => Promise<void>;
  /** How many jobs of these queues could be fetched now (queued or to be retried, and due). */
  countDue: (queues: string[]) => Promise<number>;
  /** Throws when the queue stopped meanwhile. */
  assertStarted: () => void;
  /** Marks the jobs it runs as run by a live process (PostgreSQL), so no worker takes them for orphaned. */
  liveness: JobLiveness | null;
};

export const DEFAULT_DRAIN_MAX_JOBS = 1000;

/**
 * Fetches and runs due jobs of `definitions`, one at a time, round the queues until a whole round
 * finds none, twice, 2 ms apart (see below) — so jobs that the jobs it runs queue are run too. A
 * failed job whose retry is due at once (no retry delay) is run again in a later round; one whose
 * retry waits is left for its time.
 * pg-boss's fetch marks a job active in the same statement that finds it, so a worker polling the
 * same queues never runs a job drain runs, nor the reverse; a job a worker holds is not waited for.
 */
export async function drainJobs(deps: DrainDeps, maxJobs: number): Promise<DrainReport> {
  const report: DrainReport = { completed: {}, failed: [] };
  let ran = 0;
  let lastLook = false;
  for (;;) {
    let foundInRound = false;
    for (const definition of deps.definitions) {
      deps.assertStarted();
      if (ran >= maxJobs) {
        // Checked before fetching: a fetched job is active, and must not be left so unrun.
        if ((await deps.countDue(deps.definitions.map((d) => d.queue))) === 0) return report;
        throw new Error(`drain ran ${maxJobs} jobs and more are due; a job may be queueing itself for ever.`);
      }
      const [job] = await deps.boss.fetch<unknown>(definition.queue, { includeMetadata: true, batchSize: 1 });
      if (!job) continue;
      foundInRound = true;
      ran++;
      const current: RunningJob = { jobId: job.id, controller: new AbortController(), abandoned: false };
      await deps.liveness?.claim(job.id);
      const result = await runFetchedJob({ boss: deps.boss, definition, log: deps.log, exhaustRetries: deps.exhaustRetries }, job, current).finally(() => deps.liveness?.release(job.id));
      if (result.outcome === 'completed') report.completed[definition.queue] = (report.completed[definition.queue] ?? 0) + 1;
      else if (result.outcome !== 'abandoned') {
        report.failed.push({ queue: definition.queue, jobId: job.id, attempt: job.retryCount, error: result.error, willRetry: result.outcome === 'retry' });
      }
    }
    if (foundInRound) {
      lastLook = false;
      continue;
    }
    if (lastLook) break;
    // pg-boss fetches a job once its start time is past, and the embedded database's clock moves in
    // whole milliseconds: a job queued (by a job just run, or just before the drain) in the millisecond
    // of this round's fetch is due a moment later. One more round once the clock has moved on.
    lastLook = true;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  deps.log.debug({ ran, completed: report.completed, failed: report.failed.length }, 'job queues drained');
  return report;
}
