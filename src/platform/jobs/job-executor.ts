import { CompiledQuery, type Kysely } from 'kysely';
import type { SqlExecutor } from '../db/index.js';

/** A Kysely database or transaction of any schema: only its raw query entry point is used. */
export type QueryRunner = Pick<Kysely<unknown>, 'executeQuery'>;

/** What pg-boss calls to run SQL: its `db` constructor option and the per-call `db` of send(). */
export type JobSqlExecutor = { executeSql: SqlExecutor };

/**
 * Runs pg-boss's SQL on a Kysely transaction (or database), so a job is queued in the same transaction
 * as the change that causes it: rolled back, the job never existed. pg-boss sends one parameterised
 * statement per send, which CompiledQuery.raw carries with its parameters as they are; both drivers
 * (pg, PGlite) serialise objects for jsonb parameters and arrays for uuid[] ones.
 */
export function createKyselyJobExecutor(db: QueryRunner): JobSqlExecutor {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows };
    },
  };
}

export type TrackedExecutor = JobSqlExecutor & {
  /** Resolves once no call is in flight, including calls started by the ones that just finished. */
  drain(): Promise<void>;
  /** Later calls fail at once instead of reaching a database that is about to close. */
  close(): void;
};

/**
 * The executor handed to pg-boss. pg-boss fires some statements without awaiting them (its timekeeper's
 * completions); stopping waits for those here so that closing the database afterwards neither hangs on
 * nor breaks a statement that is still on its way.
 */
export function createTrackedExecutor(execute: SqlExecutor): TrackedExecutor {
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  return {
    executeSql: (text, values) => {
      if (closed) return Promise.reject(new Error('The job queue is stopped; it no longer runs SQL.'));
      const call = execute(text, values);
      // The caller handles the call's outcome; the tracker only needs to know it settled.
      const tracked: Promise<void> = call.then(
        () => void inFlight.delete(tracked),
        () => void inFlight.delete(tracked),
      );
      inFlight.add(tracked);
      return call;
    },
    drain: async () => {
      for (;;) {
        if (inFlight.size > 0) await Promise.all([...inFlight]);
        // A settled call may have scheduled the next one in its continuation: let those run first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (inFlight.size === 0) return;
      }
    },
    close: () => {
      closed = true;
    },
  };
}
