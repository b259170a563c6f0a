import { AssertionError } from 'node:assert';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { withStartupLock, type DatabaseHandle, type DatabaseTarget, type SqlExecutor } from '../db/index.js';
import { AppError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { JobDefinition, JobPayload } from './job-definition.js';
import { DEFAULT_DRAIN_MAX_JOBS, drainJobs, type DrainOptions, type DrainReport } from './job-drain.js';
import { createKyselyJobExecutor, createTrackedExecutor, type QueryRunner } from './job-executor.js';
import { startDuePoller, type DuePoller } from './due-poller.js';
import { describeIssues } from './job-run.js';
import { createJobLiveness, requeueActive, type JobLiveness } from './job-liveness.js';
import { startJobWorker, type JobWorker } from './job-worker.js';

/** api: sends jobs, runs none. worker/all: also runs the jobs, the schedules and pg-boss maintenance. */
export type JobRole = 'api' | 'worker' | 'all';

type DatabaseAccess =
  | { handle: Pick<DatabaseHandle<unknown>, 'executeSql' | 'kind' | 'dedicatedConnection'> }
  | { executeSql: SqlExecutor; kind: DatabaseTarget['kind'] };

export type JobQueueOptions = DatabaseAccess & {
  log: Logger;
  /** Postgres schema of pg-boss's tables. Default `pgboss`. */
  schema?: string;
  role?: JobRole;
  /** How often idle workers look for due jobs (one query for all queues; see due-poller.ts). Default 2. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are failed and finished ones archived. Default 120, 300 on PGlite. */
  maintenanceIntervalSeconds?: number;
  /** How often schedules are checked for being due (1–45; default 30). Cron has minute resolution. */
  cronMonitorIntervalSeconds?: number;
  /** How often due schedules are turned into jobs (1–45; default 5). */
  cronWorkerIntervalSeconds?: number;
  /**
   * This process is the only one that can be running jobs on this database (an embedded database held
   * under the instance lock), so a job found `active` at start was left by a process that died (a
   * SIGKILL, a power cut): it is put back for retry at once instead of waiting for its expiry, which
   * for long jobs is hours. Never set this where other workers may share the database.
   */
  soleWorker?: boolean;
  /**
   * Workers sharing a PostgreSQL database: how often one looks for jobs left active by a process that
   * died, to put them back for retry (see job-liveness.ts). Default 15.
   */
  orphanCheckSeconds?: number;
};

export type SendJobOptions = {
  /** Queue the job in this Kysely transaction: it exists only if the transaction commits. */
  transaction?: QueryRunner;
  /** With a `short`, `singleton` or `stately` policy (or `singletonSeconds`), jobs sharing a key are deduplicated. */
  singletonKey?: string;
  /** At most one job per key in each window of this many seconds. */
  singletonSeconds?: number;
  /** A moment, or a delay in seconds. */
  startAfter?: Date | number;
  priority?: number;
  /** Overrides the definition's retry limit for this job. */
  retryLimit?: number;
};

export type StopOptions = {
  /** Wait for running handlers (up to `timeoutMs`) instead of abandoning them at once. Default true. */
  graceful?: boolean;
  timeoutMs?: number;
};

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export type JobRecord = {
  id: string;
  queue: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  output: unknown;
  createdOn: Date;
  completedOn: Date | null;
};

export type JobSchedule = { queue: string; cron: string; timezone: string };

export type JobQueue = {
  readonly role: JobRole;
  /** Registers a definition; in the worker and all roles, runs its jobs once the queue is started. */
  work(definition: JobDefinition): Promise<void>;
  start(): Promise<void>;
  /** Stops fetching, waits for running handlers (or abandons them), then stops pg-boss. */
  stop(options?: StopOptions): Promise<void>;
  /** Validates the payload with the job's schema and queues it; null when a singleton rule dropped it. */
  send: {
    <P extends JobPayload>(job: JobDefinition<P>, payload: P, options?: SendJobOptions): Promise<string | null>;
    (job: string, payload: unknown, options?: SendJobOptions): Promise<string | null>;
  };
  /** One schedule per job queue; scheduling again replaces it. `tz` is an IANA zone, UTC by default. */
  schedule: {
    <P extends JobPayload>(job: JobDefinition<P>, cron: string, payload: P, options?: { tz?: string }): Promise<void>;
    (job: string, cron: string, payload: unknown, options?: { tz?: string }): Promise<void>;
  };
  unschedule(job: JobDefinition | string): Promise<void>;
  listSchedules(): Promise<JobSchedule[]>;
  /** A job by id, also once archived; null when there is no such job. */
  findJob(job: JobDefinition | string, id: string): Promise<JobRecord | null>;
  /** How many jobs of this queue wait to run: queued, or failed and to be retried; due now or later. */
  countQueued(job: JobDefinition | string): Promise<number>;
  /**
   * Runs every due job of the registered queues (or of `only`) now, in this process, one at a time and
   * through the worker's own path (payload check, handler within its expiry, complete or fail with the
   * attempt counted), until none is due — including jobs queued by the jobs it ran. Returns what ran.
   * Meant for the 'api' role, where no worker runs (tests, one-shot commands): beside a running
   * worker it is safe (no job runs twice) but does not wait for a job the worker holds.
   */
  drain(options?: DrainOptions): Promise<DrainReport>;
};

const DEFAULT_STOP_TIMEOUT_MS = 25_000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const database: Pick<DatabaseHandle<unknown>, 'executeSql' | 'kind' | 'dedicatedConnection'> = 'handle' in options ? options.handle : { executeSql: options.executeSql, kind: options.kind };
  const role = options.role ?? 'all';
  const runsJobs = role !== 'api';
  const schema = options.schema ?? 'pgboss';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`The job queue schema "${schema}" must be a lower-case SQL identifier.`);
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  if (!(pollingIntervalSeconds >= 0.1 && pollingIntervalSeconds <= 600)) {
    throw new Error('pollingIntervalSeconds must be between 0.1 and 600.');
  }
  const log = options.log.child({ component: 'jobs', role });
  const executor = createTrackedExecutor(database.executeSql);

  const boss = new PgBoss({
    db: executor,
    schema,
    migrate: true,
    // Maintenance and cron are shared chores (pg-boss runs each on one process at a time); API-only
    // processes leave them to the workers, which also keeps them off a PGlite an API process owns.
    supervise: runsJobs,
    schedule: runsJobs,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? (database.kind === 'pglite' ? 300 : 120),
    cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 5,
  });
  // pg-boss reports background failures (maintenance, cron) as events; unheard, they would crash the process.
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss background task failed'));

  const definitions = new Map<string, JobDefinition>();
  const workers = new Map<string, JobWorker>();
  let state: 'new' | 'starting' | 'started' | 'stopping' | 'stopped' = 'new';
  let stopping: Promise<void> | undefined;

  const exhaustRetries = async (queue: string, jobId: string) => {
    await executor.executeSql(
      `update ${schema}.job set retry_limit = retry_count where name = $1 and id = $2 and state = 'active'`,
      [queue, jobId],
    );
  };

  const countDue = async (queues: string[]) => {
    const { rows } = await executor.executeSql(
      `select count(*)::int as n from ${schema}.job where name = any($1::text[]) and state < 'active' and start_after < now()`,
      [queues],
    );
    return Number(rows[0]?.n);
  };

  /** See `soleWorker`. */
  const requeueOrphans = async () => {
    const rows = await requeueActive(executor, schema, 'all');
    if (rows.length > 0) log.warn({ jobs: rows.length, queues: [...new Set(rows.map((row) => row.name))] }, 'jobs left running by a stopped process were put back for retry');
  };

  const ensureQueue = async (definition: JobDefinition, existing?: PgBoss.Queue) => {
    if (existing) return assertSamePolicy(definition, existing);
    await boss.createQueue(definition.queue, {
      name: definition.queue,
      policy: definition.policy,
      retryLimit: definition.retryLimit,
      retryDelay: definition.retryDelaySeconds,
      retryBackoff: definition.retryBackoff,
      expireInSeconds: definition.expireInSeconds,
    });
    const created = await boss.getQueue(definition.queue);
    if (created) assertSamePolicy(definition, created);
  };

  /**
   * At start every queue usually exists already: one query lists them, and only a missing one is
   * created (createQueue leaves an existing queue as it is anyway), instead of two round trips per queue.
   */
  const ensureQueues = async () => {
    const existing = new Map((await boss.getQueues()).map((queue) => [queue.name, queue]));
    for (const definition of definitions.values()) await ensureQueue(definition, existing.get(definition.queue));
  };

  // Beside other processes (PostgreSQL), each says which jobs it runs (workers and drain()), and workers find the dead ones' jobs.
  const orphanCheckSeconds = options.orphanCheckSeconds ?? 15;
  const liveness: JobLiveness | null =
    !options.soleWorker && database.dedicatedConnection
      ? createJobLiveness({ connect: database.dedicatedConnection, executor, schema, graceSeconds: orphanCheckSeconds, log })
      : null;
  let orphanTimer: NodeJS.Timeout | undefined;
  let duePoller: DuePoller | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweepOrphans = () => {
    sweeping = (liveness?.sweep() ?? Promise.resolve(0))
      .then((requeued) => {
        if (requeued > 0) for (const worker of workers.values()) worker.wake();
      })
      .catch((error: unknown) => log.error({ err: error }, 'looking for jobs left by a dead process failed'));
  };

  const startWorker = (definition: JobDefinition) => {
    workers.set(
      definition.queue,
      startJobWorker({ boss, definition, log, exhaustRetries, liveness }),
    );
  };

  const resolve = (job: JobDefinition | string): JobDefinition => {
    const key = typeof job === 'string' ? job : job.queue;
    const found = definitions.get(key) ?? (typeof job === 'string' ? latestVersionOf(definitions, job) : undefined);
    if (!found) throw new AppError('not_found', `No job "${key}" is registered with this job queue; register it with work() first.`);
    return found;
  };

  const assertStarted = () => {
    if (state !== 'started') {
      throw new AppError('unavailable', `The job queue is ${state === 'new' ? 'not started yet' : 'stopped'}; jobs cannot be queued now.`);
    }
  };

  const parsePayload = (definition: JobDefinition, payload: unknown): JobPayload => {
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      throw new AppError(
        'unprocessable',
        `The payload for job ${definition.queue} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
        { job: definition.queue, issues },
      );
    }
    return parsed.data;
  };

  const send = async (job: JobDefinition | string, payload: unknown, sendOptions: SendJobOptions = {}) => {
    const definition = resolve(job);
    assertStarted();
    const data = parsePayload(definition, payload);
    const db = sendOptions.transaction ? createKyselyJobExecutor(sendOptions.transaction) : undefined;
    const id = await asBadRequest(() => boss.send(definition.queue, data, toSendOptions(definition, sendOptions, db)));
    // A job in an uncommitted transaction is invisible to the worker yet; it is found at the next poll.
    if (id && !db) workers.get(definition.queue)?.wake();
    return id;
  };

  const schedule = async (job: JobDefinition | string, cron: string, payload: unknown, scheduleOptions: { tz?: string } = {}) => {
    const definition = resolve(job);
    assertStarted();
    const data = parsePayload(definition, payload);
    try {
      await boss.schedule(definition.queue, cron, data, {
        tz: scheduleOptions.tz ?? 'UTC',
        ...toSendOptions(definition, {}, undefined),
      });
    } catch (error) {
      // Database errors carry a SQLSTATE; anything else came from parsing the cron or the time zone.
      if (isDatabaseError(error)) throw error;
      throw new AppError(
        'bad_request',
        `The schedule "${cron}" (${scheduleOptions.tz ?? 'UTC'}) for job ${definition.queue} is not valid: ${(error as Error).message}`,
        { job: definition.queue },
      );
    }
    log.info({ queue: definition.queue, cron }, 'job scheduled');
  };

  const stopQueue = async ({ graceful = true, timeoutMs = DEFAULT_STOP_TIMEOUT_MS }: StopOptions) => {
    state = 'stopping';
    clearInterval(orphanTimer);
    await duePoller?.stop();
    await sweeping;
    const finished = Promise.all([...workers.values()].map((worker) => worker.stop()));
    const inTime = graceful && (await settlesWithin(finished, timeoutMs));
    if (!inTime) {
      log.warn({ graceful, timeoutMs }, 'job handlers still running at stop were abandoned; their jobs will be retried');
      const reason = 'The job queue stopped before this job finished.';
      await Promise.all([...workers.values()].map((worker) => worker.abandon(reason)));
    }
    await boss.stop({ graceful: false, close: false, wait: true });
    await executor.drain();
    executor.close();
    liveness?.close();
    state = 'stopped';
    log.info('job queue stopped');
  };

  return {
    role,
    work: async (definition) => {
      const known = definitions.get(definition.queue);
      if (known) {
        if (known === definition) return;
        throw new Error(`Job ${definition.queue} is registered twice; a changed job needs a new version.`);
      }
      if (state === 'starting') throw new Error(`Register job ${definition.queue} before start(), or after it has resolved.`);
      if (state === 'stopping' || state === 'stopped') throw new Error('Cannot register jobs on a stopped job queue.');
      if (state === 'started') await ensureQueue(definition);
      definitions.set(definition.queue, definition);
      if (state === 'started' && runsJobs) startWorker(definition);
    },

    start: async () => {
      if (state !== 'new') throw new Error(`The job queue cannot start: it is ${state}.`);
      state = 'starting';
      try {
        // One process at a time installs the schema and creates the queues: pg-boss's queue tables
        // created by several processes at once (a new database, every replica starting) deadlock.
        await withStartupLock(database, async () => {
          await boss.start();
          await ensureQueues();
        });
        if (runsJobs && options.soleWorker) await requeueOrphans();
      } catch (error) {
        state = 'stopped';
        await boss.stop({ graceful: false, close: false, wait: true }).catch(() => undefined);
        executor.close();
        throw error;
      }
      if (runsJobs) {
        for (const definition of definitions.values()) startWorker(definition);
        duePoller = startDuePoller({
          executeSql: executor.executeSql,
          schema,
          intervalMs: pollingIntervalSeconds * 1000,
          queues: () => [...workers.keys()],
          wake: (queue) => workers.get(queue)?.wake(),
          log,
        });
      }
      if (runsJobs && liveness) {
        sweepOrphans();
        orphanTimer = setInterval(sweepOrphans, orphanCheckSeconds * 1000).unref();
      }
      state = 'started';
      log.info({ kind: database.kind, queues: [...definitions.keys()] }, 'job queue started');
    },

    stop: async (stopOptions = {}) => {
      if (state === 'new' || state === 'stopped') {
        state = 'stopped';
        executor.close();
        return;
      }
      if (state === 'starting') throw new Error('The job queue cannot stop while it is starting.');
      // A second stop (SIGTERM twice) waits for the first instead of racing it.
      stopping ??= stopQueue(stopOptions);
      return stopping;
    },

    send,
    schedule,

    unschedule: async (job) => {
      const definition = resolve(job);
      assertStarted();
      await boss.unschedule(definition.queue);
    },

    listSchedules: async () => {
      assertStarted();
      const rows = (await boss.getSchedules()) as Array<{ name: string; cron: string; timezone: string | null }>;
      return rows.map((row) => ({ queue: row.name, cron: row.cron, timezone: row.timezone ?? 'UTC' }));
    },

    countQueued: async (job) => {
      const definition = resolve(job);
      assertStarted();
      // pg-boss counts the states before 'active': created and retry.
      return boss.getQueueSize(definition.queue);
    },

    drain: async (drainOptions = {}) => {
      assertStarted();
      const selected = drainOptions.only ? [...new Set(drainOptions.only.map(resolve))] : [...definitions.values()];
      return drainJobs({ boss, definitions: selected, log, exhaustRetries, countDue, assertStarted, liveness }, drainOptions.maxJobs ?? DEFAULT_DRAIN_MAX_JOBS);
    },

    findJob: async (job, id) => {
      const definition = resolve(job);
      assertStarted();
      if (!z.uuid().safeParse(id).success) return null;
      const found = await boss.getJobById<unknown>(definition.queue, id, { includeArchive: true });
      if (!found) return null;
      return {
        id: found.id,
        queue: found.name,
        state: found.state,
        retryCount: found.retryCount,
        retryLimit: found.retryLimit,
        output: found.output ?? null,
        createdOn: found.createdOn,
        completedOn: found.completedOn,
      };
    },
  };
}

function assertSamePolicy(definition: JobDefinition, existing: PgBoss.Queue): void {
  if ((existing.policy ?? 'standard') !== definition.policy) {
    throw new Error(
      `Job queue ${definition.queue} exists with policy "${existing.policy}" but its definition says "${definition.policy}"; ` +
        'a changed policy needs a new job version.',
    );
  }
}

function latestVersionOf(definitions: Map<string, JobDefinition>, name: string): JobDefinition | undefined {
  let latest: JobDefinition | undefined;
  for (const definition of definitions.values()) {
    if (definition.name === name && (!latest || definition.version > latest.version)) latest = definition;
  }
  return latest;
}

function toSendOptions(definition: JobDefinition, options: SendJobOptions, db: PgBoss.Db | undefined): PgBoss.SendOptions {
  // pg-boss checks options by presence ('retryLimit' in options), so absent ones must not appear at all.
  return {
    retryLimit: options.retryLimit ?? definition.retryLimit,
    retryDelay: definition.retryDelaySeconds,
    retryBackoff: definition.retryBackoff,
    expireInSeconds: definition.expireInSeconds,
    ...(options.singletonKey !== undefined ? { singletonKey: options.singletonKey } : {}),
    ...(options.singletonSeconds !== undefined ? { singletonSeconds: options.singletonSeconds } : {}),
    ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
    ...(options.priority !== undefined ? { priority: options.priority } : {}),
    ...(db ? { db } : {}),
  };
}

/** pg-boss validates options with node:assert; those failures are the caller's to fix. */
async function asBadRequest<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AssertionError) throw new AppError('bad_request', `Invalid job options: ${error.message}`);
    throw error;
  }
}

function isDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
