import type { DedicatedConnection } from '../db/index.js';
import type { Logger } from '../log/index.js';
import type { JobSqlExecutor } from './job-executor.js';

/** Advisory-lock class of "a live process runs this job" (the second key is the job id's hash). */
const RUNNING_JOB_LOCK_CLASS = 7_460_020;

export type JobLiveness = {
  /** Marks a fetched job as run by this live process, before its handler starts. */
  claim(jobId: string): Promise<void>;
  /** Unmarks it, after its outcome is recorded (so no sweep sees a finished job as orphaned). */
  release(jobId: string): Promise<void>;
  /** Puts back for retry the active jobs whose process has died; returns how many. */
  sweep(): Promise<number>;
  /** Checks now (as the timer does) that the running jobs' locks are still held, taking them again if not. */
  check(): Promise<void>;
  close(): void;
};

/**
 * Which active jobs still have a live process, for workers sharing a PostgreSQL database. pg-boss
 * knows a job is `active`, not who runs it: a worker killed mid-job (SIGKILL, a lost machine) leaves
 * it active until its expiry, hours for an export. Each worker holds, on one connection of its own,
 * a session advisory lock per job it runs; PostgreSQL drops a dead process's session and its locks.
 * Any worker's sweep finds an active job, started more than `graceSeconds` ago (time to take the lock
 * after fetching), whose lock it can take: its process is gone, and the job goes back for retry as a
 * failed attempt, as the expiry would have done. Handlers must therefore be safe to run again, which
 * they already are for expiry and retries.
 */
export function createJobLiveness(options: {
  connect: () => Promise<DedicatedConnection>;
  executor: JobSqlExecutor;
  schema: string;
  graceSeconds: number;
  log: Logger;
  /** How often the connection holding the locks is checked while it holds any. Default a third of the grace. */
  checkEveryMs?: number;
}): JobLiveness {
  const { executor, schema, log } = options;
  const checkEveryMs = options.checkEveryMs ?? (options.graceSeconds * 1000) / 3;
  const mine = new Set<string>();
  // Job locks this process holds on `connection`; with none, the connection goes back to the pool.
  const held = new Set<string>();
  let connection: Promise<DedicatedConnection> | null = null;
  // One statement at a time on the one connection.
  let queue: Promise<unknown> = Promise.resolve();
  const onConnection = <T>(run: (c: DedicatedConnection) => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      connection ??= options.connect();
      const current = connection;
      try {
        return await run(await current);
      } catch (error) {
        // A broken connection has lost its locks with it: the next call starts on a new one.
        connection = null;
        held.clear();
        void current.then((c) => c.release(true), () => {});
        throw error;
      } finally {
        if (connection === current && held.size === 0) {
          connection = null;
          void current.then((c) => c.release(), () => {});
        }
      }
    });
    queue = next.catch(() => {});
    return next;
  };
  const lock = (jobId: string) =>
    onConnection(async (c) => {
      await c.query('select pg_advisory_lock($1, hashtext($2))', [RUNNING_JOB_LOCK_CLASS, jobId]);
      held.add(jobId);
    });
  const tryLock = (jobId: string) =>
    onConnection(async (c) => {
      const result = (await c.query('select pg_try_advisory_lock($1, hashtext($2)) as free', [RUNNING_JOB_LOCK_CLASS, jobId])) as { rows: Array<{ free: boolean }> };
      const free = result.rows[0]?.free === true;
      if (free) held.add(jobId);
      return free;
    });
  const unlock = (jobId: string) =>
    onConnection(async (c) => {
      if (!held.has(jobId)) return;
      held.delete(jobId);
      await c.query('select pg_advisory_unlock($1, hashtext($2))', [RUNNING_JOB_LOCK_CLASS, jobId]);
    });

  /**
   * A connection lost while this process runs jobs (a restarted PostgreSQL, a proxy's idle cut) takes
   * their locks with it, and another worker's sweep would take the jobs for dead. So while any lock is
   * held the connection is checked, and when it has gone the locks of the jobs still running here are
   * taken again on a new one. A lock another worker took meanwhile means its sweep put the job back for
   * retry: the job may then run twice, which handlers must already bear (expiry does the same).
   */
  const relockAfterLoss = async () => {
    for (const jobId of mine) {
      if (held.has(jobId)) continue;
      const free = await tryLock(jobId);
      if (!free) log.warn({ jobId }, 'a running job was taken for orphaned while this process had lost its connection; it may run twice');
    }
  };
  const check = async () => {
    if (mine.size === 0) return;
    try {
      await onConnection((c) => c.query('select 1'));
      if ([...mine].every((jobId) => held.has(jobId))) return;
    } catch {
      log.warn({ jobs: mine.size }, 'the connection that marks running jobs was lost; marking them again');
    }
    await relockAfterLoss();
  };
  let checking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    checking = checking.then(check).catch((error: unknown) => log.error({ err: error }, 'could not mark running jobs again after a lost connection'));
  }, checkEveryMs);
  timer.unref();

  return {
    claim: async (jobId) => {
      mine.add(jobId);
      await lock(jobId).catch((error: unknown) => log.error({ err: error, jobId }, 'could not mark a job as running; another worker may retry it if this one looks dead'));
    },
    release: async (jobId) => {
      mine.delete(jobId);
      await unlock(jobId).catch(() => {});
    },
    sweep: async () => {
      const { rows } = await executor.executeSql(
        `select id, name from ${schema}.job where state = 'active' and started_on < now() - make_interval(secs => $1)`,
        [options.graceSeconds],
      );
      let requeued = 0;
      for (const row of rows) {
        const id = String(row.id);
        // This process's own jobs are locked on its own session, where the lock is re-entrant.
        if (mine.has(id) || !(await tryLock(id))) continue;
        try {
          requeued += (await requeueActive(executor, schema, { name: String(row.name), id })).length;
        } finally {
          await unlock(id);
        }
      }
      if (requeued > 0) log.warn({ jobs: requeued }, 'jobs left running by a process that died were put back for retry');
      return requeued;
    },
    check: () => (checking = checking.then(check)),
    close: () => {
      clearInterval(timer);
      const open = connection;
      connection = null;
      held.clear();
      void open?.then((c) => c.release(true), () => {});
    },
  };
}

/**
 * Puts active jobs (one, or all of them) back for retry now, counted as a failed attempt as pg-boss's
 * expiry does, so a job that kills its process cannot loop for ever. Returns the queue of each.
 */
export async function requeueActive(executor: JobSqlExecutor, schema: string, only: { name: string; id: string } | 'all'): Promise<Array<{ name: string }>> {
  const { rows } = await executor.executeSql(
    `update ${schema}.job
        set state = (case when retry_count < retry_limit then 'retry' else 'failed' end)::${schema}.job_state,
            start_after = now(),
            completed_on = case when retry_count < retry_limit then null else now() end,
            output = jsonb_build_object('message', 'The process running this job stopped before it finished.')
      where state = 'active'${only === 'all' ? '' : ' and name = $1 and id = $2'}
      returning name`,
    only === 'all' ? [] : [only.name, only.id],
  );
  return rows.map((row) => ({ name: String(row.name) }));
}
