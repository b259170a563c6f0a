import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '../log/index.js';
import type { JobDefinition } from './job-definition.js';

export type JobRunDeps = {
  boss: PgBoss;
  definition: JobDefinition;
  log: Logger;
  /** Makes a job's failure final whatever retries it has left (used for unreadable payloads). */
  exhaustRetries: (queue: string, jobId: string) => Promise<void>;
};

/** A job being run; a worker's stop() may abandon it (abort its signal and fail it itself). */
export type RunningJob = { jobId: string; controller: AbortController; abandoned: boolean };

/** How a run ended. `retry` and `failed` are both recorded failures; `failed` has no attempt left. */
export type JobOutcome = { outcome: 'completed' } | { outcome: 'retry' | 'failed'; error: string } | { outcome: 'abandoned' };

/**
 * Runs one fetched job the one way every job is run, by a worker's loop or by drain(): its payload
 * checked against the schema (an unreadable one failed for good), the handler run within the job's
 * expiry, and the outcome recorded (complete, or fail, which pg-boss retries while attempts remain).
 * Throws only when recording the outcome fails.
 */
export async function runFetchedJob(deps: JobRunDeps, job: PgBoss.JobWithMetadata<unknown>, current: RunningJob): Promise<JobOutcome> {
  const { boss, definition } = deps;
  const jobLog = deps.log.child({ queue: definition.queue, jobId: job.id, attempt: job.retryCount });
  const parsed = definition.schema.safeParse(job.data);
  if (!parsed.success) {
    // Retrying cannot make a payload readable: fail it for good, with what was wrong.
    const issues = describeIssues(parsed.error);
    const message = `The payload of job ${job.id} does not match the ${definition.queue} schema (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}); it was failed without retry.`;
    jobLog.error({ issues }, 'job payload rejected by its schema; failed without retry');
    await deps.exhaustRetries(definition.queue, job.id);
    await boss.fail(definition.queue, job.id, { name: 'InvalidJobPayload', message, issues });
    return { outcome: 'failed', error: message };
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
  if (current.abandoned) return { outcome: 'abandoned' };
  if (failure === null) {
    await boss.complete(definition.queue, job.id);
    jobLog.debug('job completed');
    return { outcome: 'completed' };
  }
  const retriesLeft = job.retryLimit - job.retryCount;
  jobLog.warn({ err: failure, retriesLeft }, retriesLeft > 0 ? 'job failed; it will be retried' : 'job failed for good');
  const described = describeFailure(failure);
  await boss.fail(definition.queue, job.id, described);
  return { outcome: retriesLeft > 0 ? 'retry' : 'failed', error: described.message };
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
