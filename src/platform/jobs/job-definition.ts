import { z } from 'zod';
import type { Logger } from '../log/index.js';

/** A JSON object: payloads are stored as jsonb and read back, so they must survive a JSON round trip. */
export type JobPayload = Record<string, unknown>;

/**
 * How pg-boss deduplicates jobs that share a `singletonKey`:
 * standard — never (only `singletonSeconds` throttles); short — one queued (not yet started) job per key;
 * singleton — one running job per key; stately — one queued and one running job per key.
 */
export type JobPolicy = 'standard' | 'short' | 'singleton' | 'stately';

export type JobContext = {
  jobId: string;
  /** The queue the job came from, e.g. `mail.deliver.v1`. */
  queue: string;
  /** 0 on the first attempt, 1 on the first retry, … */
  attempt: number;
  /** Aborted when the job runs past `expireInSeconds` or the queue stops without waiting for it. */
  signal: AbortSignal;
  /** Bound to the job's queue and id; log ids, never payload contents. */
  log: Logger;
};

export type JobDefinition<P extends JobPayload = JobPayload> = {
  name: string;
  version: number;
  /** `name.v<version>`: a payload change that old workers cannot read gets a new version, hence a new queue. */
  queue: string;
  schema: z.ZodType<P>;
  // Method syntax on purpose: a JobDefinition<{ id: string }> must be usable where any definition is.
  handler(payload: P, ctx: JobContext): Promise<void>;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  policy: JobPolicy;
  /** How many of this job one process runs at the same time. */
  concurrency: number;
};

export type JobSpec<P extends JobPayload> = {
  /** Dotted lower-case name, module first: `mail.deliver`, `retention.sweep`. */
  name: string;
  version: number;
  schema: z.ZodType<P>;
  handler: (payload: P, ctx: JobContext) => Promise<void>;
  /** Retries after the first attempt; 0 means one attempt only. Default 2. */
  retryLimit?: number;
  /** Seconds before a retry (doubling with jitter when `retryBackoff`). Default 30. */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A running job not finished after this long is failed (and retried if attempts remain). Default 900. */
  expireInSeconds?: number;
  policy?: JobPolicy;
  concurrency?: number;
};

/** The payload of a scheduled job: the empty object, nothing else. */
export const EMPTY_PAYLOAD = z.object({}).strict();

/**
 * A job as its module lists it for the app to register (`<domain>.jobs.ts`). With `schedule`, a cron
 * in UTC on which the worker roles queue it; a scheduled job takes the empty payload.
 */
export type ModuleJob = { job: JobDefinition; schedule?: undefined } | { job: JobDefinition<Record<string, never>>; schedule: string };

const JOB_NAME = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
// pg-boss refuses expirations of a day or more.
const MAX_EXPIRE_SECONDS = 24 * 60 * 60 - 1;

/** A job as a versioned definition: name, zod payload schema, handler and its retry rules. */
export function defineJob<P extends JobPayload>(spec: JobSpec<P>): JobDefinition<P> {
  assertSpec(spec.name, JOB_NAME.test(spec.name) && !spec.name.startsWith('__'), 'a dotted lower-case name');
  assertSpec(spec.name, isIntegerIn(spec.version, 1, 9999), 'a version that is an integer from 1');
  const retryLimit = spec.retryLimit ?? 2;
  const retryDelaySeconds = spec.retryDelaySeconds ?? 30;
  const expireInSeconds = spec.expireInSeconds ?? 900;
  const concurrency = spec.concurrency ?? 1;
  assertSpec(spec.name, isIntegerIn(retryLimit, 0, 1000), 'a retryLimit from 0 to 1000');
  assertSpec(spec.name, isIntegerIn(retryDelaySeconds, 0, MAX_EXPIRE_SECONDS), 'a whole retryDelaySeconds under a day');
  assertSpec(spec.name, isIntegerIn(expireInSeconds, 1, MAX_EXPIRE_SECONDS), 'a whole expireInSeconds from 1 to under a day');
  assertSpec(spec.name, isIntegerIn(concurrency, 1, 100), 'a concurrency from 1 to 100');
  return {
    name: spec.name,
    version: spec.version,
    queue: `${spec.name}.v${spec.version}`,
    schema: spec.schema,
    handler: spec.handler,
    retryLimit,
    retryDelaySeconds,
    retryBackoff: spec.retryBackoff ?? false,
    expireInSeconds,
    policy: spec.policy ?? 'standard',
    concurrency,
  };
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

// A bad definition is a programming error found at start-up, so a plain Error with the fix in it.
function assertSpec(name: string, ok: boolean, expected: string): void {
  if (!ok) throw new Error(`Job definition "${name}" needs ${expected}.`);
}
