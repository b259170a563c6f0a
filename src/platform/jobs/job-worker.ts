import type PgBoss from 'pg-boss';
import type { JobLiveness } from './job-liveness.js';
import { runFetchedJob, type JobRunDeps, type RunningJob } from './job-run.js';

export type JobWorkerDeps = JobRunDeps & { liveness: JobLiveness | null };

export type JobWorker = {
  /** Fetches again: a job may be due (sent from this process, or found by the due-jobs poll). */
  wake(): void;
  /** Stops fetching; resolves when the handlers already running have finished. */
  stop(): Promise<void>;
  /** Gives up on the handlers still running: aborts them and fails their jobs so they are retried. */
  abandon(reason: string): Promise<void>;
};

/**
 * Fetch loops of one job definition. pg-boss's own work() fires completion writes without awaiting
 * them and keeps timed-out handlers' results; owning the loop lets stop() wait for or abandon each
 * handler explicitly, and makes every write to the queue awaited and logged.
 */
export function startJobWorker(deps: JobWorkerDeps): JobWorker {
  const { boss, definition, log } = deps;
  const running = new Set<RunningJob>();
  const sleepers = new Set<() => void>();
  let stopping = false;

  const wake = () => {
    for (const resolve of sleepers) resolve();
    sleepers.clear();
  };

  /** An idle loop waits here until woken (see due-poller.ts): it does not ask for jobs on its own. */
  const idle = () => new Promise<void>((resolve) => sleepers.add(resolve));

  const runLoop = async (): Promise<void> => {
    while (!stopping) {
      let job: PgBoss.JobWithMetadata<unknown> | undefined;
      try {
        [job] = await boss.fetch<unknown>(definition.queue, { includeMetadata: true, batchSize: 1 });
      } catch (error) {
        log.error({ err: error, queue: definition.queue }, 'fetching a job failed');
      }
      // A job found means more may be waiting: fetch again at once, wait only when the queue is empty.
      if (job) await runJob(job);
      else if (!stopping) await idle();
    }
  };

  const runJob = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const current: RunningJob = { jobId: job.id, controller: new AbortController(), abandoned: false };
    running.add(current);
    await deps.liveness?.claim(job.id);
    try {
      await runFetchedJob(deps, job, current);
    } catch (error) {
      log.error({ err: error, queue: definition.queue, jobId: job.id }, 'recording the outcome of a job failed; it will expire and be retried');
    } finally {
      // Released once its outcome is recorded: until then no other worker may take it for orphaned.
      await deps.liveness?.release(job.id);
      running.delete(current);
    }
  };

  const loops = Array.from({ length: definition.concurrency }, () => runLoop());

  return {
    wake,
    stop: async () => {
      stopping = true;
      wake();
      await Promise.all(loops);
    },
    abandon: async (reason) => {
      for (const current of running) {
        current.abandoned = true;
        current.controller.abort(new Error(reason));
        try {
          await boss.fail(definition.queue, current.jobId, { message: reason });
        } catch (error) {
          log.error({ err: error, queue: definition.queue, jobId: current.jobId }, 'failing an abandoned job failed');
        }
      }
    },
  };
}
