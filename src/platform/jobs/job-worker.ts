import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '../log/index.js';
import type { JobDefinition } from './job-definition.js';

export type JobWorkerDeps = {
  boss: PgBoss;
  definition: JobDefinition;
  pollingIntervalMs: number;
  log: Logger;
  /** Makes a job's failure final whatever retries it has left (used for unreadable payloads). */
  exhaustRetries: (queue: string, jobId: string) => Promise<void>;
};

export type JobWorker = {
  /** Polls now instead of at the end of the current wait (a job was just sent from this process). */
  wake(): void;
  /** Stops fetching; resolves when the handlers already running have finished. */
  stop(): Promise<void>;
  /** Gives up on the handlers still running: aborts them and fails their jobs so they are retried. */
  abandon(reason: string): Promise<void>;
};

type Running = { jobId: string; controller: AbortController; abandoned: boolean };

/**
 * Fetch loops of one job definition. pg-boss's own work() fires completion writes without awaiting
 * them and keeps timed-out handlers' results; owning the loop lets stop() wait for or abandon each
 * handler explicitly, and makes every write to the queue awaited and logged.
 */
export function startJobWorker(deps: JobWorkerDeps): JobWorker {
  const { boss, definition, log } = deps;
  const running = new Set<Running>();
  const sleepers = new Set<() => void>();
  let stopping = false;

  const wake = () => {
    for (const resolve of sleepers) resolve();
    sleepers.clear();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  const runLoop = async (): Promise<void> => {
    while (!stopping) {
      let job: PgBoss.JobWithMetadata<unknown> | undefined;
      try {
        [job] = await boss.fetch<unknown>(definition.queue, { includeMetadata: true, batchSize: 1 });
      } catch (error) {
        log.error({ err: error, queue: definition.queue }, 'fetching a job failed');
      }
      // A job found means more may be waiting: fetch again at once, sleep only when the queue is empty.
      if (job) await runJob(job);
      else if (!stopping) await sleep(deps.pollingIntervalMs);
    }
  };

  const runJob = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const current: Running = { jobId: job.id, controller: new AbortController(), abandoned: false };
    running.add(current);
    const jobLog = log.child({ queue: definition.queue, jobId: job.id, attempt: job.retryCount });
    try {
      const parsed = definition.schema.safeParse(job.data);
      if (!parsed.success) {
        // Retrying cannot make a payload readable: fail it for good, with what was wrong.
        const issues = describeIssues(parsed.error);
        const message = `The payload of job ${job.id} does not match the ${definition.queue} schema (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}); it was failed without retry.`;
        jobLog.error({ issues }, 'job payload rejected by its schema; failed without retry');
        await deps.exhaustRetries(definition.queue, job.id);
        await boss.fail(definition.queue, job.id, { name: 'InvalidJobPayload', message, issues });
        return;
      }
      let failure: unknown = null;
      try {
        await runWithinSeconds(
          () =>
            definition.handler(parsed.data, {
              jobId: job.id,
              queue: definition.queue,
              attempt: job.retryCount,
              signal: current.controller.signal,
              log: jobLog,
            }),
          definition.expireInSeconds,
          current.controller,
        );
      } catch (error) {
        failure = error;
      }
      // stop() has already failed an abandoned job; its late outcome must not overwrite that.
      if (current.abandoned) return;
      if (failure === null) {
        await boss.complete(definition.queue, job.id);
        jobLog.debug('job completed');
      } else {
        const retriesLeft = job.retryLimit - job.retryCount;
        jobLog.warn({ err: failure, retriesLeft }, retriesLeft > 0 ? 'job failed; it will be retried' : 'job failed for good');
        await boss.fail(definition.queue, job.id, describeFailure(failure));
      }
    } catch (error) {
      jobLog.error({ err: error }, 'recording the outcome of a job failed; it will expire and be retried');
    } finally {
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

/** Rejects when the handler runs past its expiry, aborting the signal the handler was given. */
async function runWithinSeconds(run: () => Promise<void>, seconds: number, controller: AbortController): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`The job ran longer than its limit of ${seconds} s and was stopped.`);
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  try {
    await Promise.race([run(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown): { name: string; message: string; code?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

// Paths and messages only: the received values may be personal data.
export function describeIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(payload)', message: issue.message }));
}
