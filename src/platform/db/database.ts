import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { embeddedOnceOpen, inProcessPglite, type EmbeddedPglite } from './embedded-pglite.js';
import { Mutex } from './mutex.js';
import { PGliteDialect } from './pglite-dialect.js';
import { startPgliteInWorker } from './pglite-in-worker.js';
import type { WorkerStart } from './pglite-worker-protocol.js';
import { startPglite, type PgliteStart } from './pglite-start.js';
import { preparingPool } from './prepared-statements.js';

/**
 * `loadDataDir` (PGlite only): start from a data directory saved by `dumpDataDir` instead of running
 * initdb; tests start each database from one pre-migrated copy made once per run. `sharedBuffersMb`
 * (PGlite only): its buffer cache, EMBEDDED_SHARED_BUFFERS_MB unless given.
 */
export type DatabaseTarget = ({ kind: 'pglite' } & PgliteStart) | { kind: 'postgres'; url: string };

/** Raw SQL access for libraries that bring their own queries (pg-boss, backups). */
export type SqlExecutor = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** One connection of the pool for the caller alone (session-level state such as an advisory lock); `release(true)` discards it. */
export type DedicatedConnection = { query(text: string, values?: unknown[]): Promise<unknown>; release(discard?: boolean): void };

export type DatabaseHandle<DB> = {
  db: Kysely<DB>;
  kind: DatabaseTarget['kind'];
  executeSql: SqlExecutor;
  /** PostgreSQL only (PGlite has one connection, shared by all). */
  dedicatedConnection?: () => Promise<DedicatedConnection>;
  /** PGlite only: the whole data directory as an uncompressed tarball, for `loadDataDir`. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
};

// Postgres returns bigint (int8) and numeric as strings by default; counts and ids we use fit in
// a JS number, and money is stored in integer cents.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase<DB>(target: DatabaseTarget): Promise<DatabaseHandle<DB>> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server closes (restart, failover, a dropped test database) emits
    // 'error' on the pool; unheard, it would crash the process. The pool replaces it on next use.
    pool.on('error', () => {});
    // The same for a connection in use (a transaction, a lock): its server end terminated
    // (pg_terminate_backend, a failover), pg emits 'error' on the client as well as failing the query.
    // The query's caller gets the error (a 503 for a request); the pool discards the client on release.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return {
      db,
      kind: 'postgres',
      executeSql: async (text, values) => {
        const result = await pool.query(text, values);
        // A multi-statement text (pg-boss migrations) yields an array of results.
        const last = Array.isArray(result) ? (result.at(-1) as pg.QueryResult) : result;
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      },
      dedicatedConnection: () => pool.connect(),
      close: () => db.destroy(),
    };
  }
  // A data directory's database runs in a worker thread; a database in memory (tests) in this one.
  const inWorker = workerStart(target);
  if (inWorker) {
    const worker = await startPgliteInWorker(inWorker);
    return embeddedHandle<DB>(worker, () => worker.close());
  }
  return pgliteHandle<DB>(await startPglite(target));
}

/** How a data directory's database starts in its worker thread; null for any other database. */
function workerStart(target: DatabaseTarget): WorkerStart | null {
  if (target.kind !== 'pglite' || !target.dir || target.loadDataDir) return null;
  return { dir: target.dir, ...(target.sharedBuffersMb ? { sharedBuffersMb: target.sharedBuffersMb } : {}) };
}

/**
 * As openDatabase, but a data directory's embedded database is handed over while it still opens in its
 * worker thread: queries wait for the opening, and fail with its error if it fails. For a server start,
 * which builds its app meanwhile (start-server.ts, createApp); any other database is open when returned.
 */
export async function openDatabaseBehind<DB>(target: DatabaseTarget): Promise<DatabaseHandle<DB>> {
  const inWorker = workerStart(target);
  if (!inWorker) return openDatabase<DB>(target);
  const embedded = embeddedOnceOpen(startPgliteInWorker(inWorker));
  return embeddedHandle<DB>(embedded, () => embedded.close());
}

/**
 * The handle over a PGlite running in this thread. Closing it ends the handle's use of the database,
 * then calls `release`, which closes PGlite unless the caller says otherwise (tests hand the database on
 * to the next test file).
 */
export function pgliteHandle<DB>(pglite: PGlite, release: (pglite: PGlite) => Promise<void> = (running) => running.close()): DatabaseHandle<DB> {
  return embeddedHandle<DB>(inProcessPglite(pglite), () => release(pglite));
}

function embeddedHandle<DB>(embedded: EmbeddedPglite, release: () => Promise<void>): DatabaseHandle<DB> {
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(embedded, mutex) });
  return {
    db,
    kind: 'pglite',
    executeSql: (text, values) =>
      mutex.run(async () => {
        let rows: Record<string, unknown>[];
        try {
          // Only the simple-query protocol accepts several statements in one text (pg-boss migrations).
          rows = values && values.length > 0 ? (await embedded.query<Record<string, unknown>>(text, values)).rows : await embedded.exec(text);
        } catch (error) {
          // The backend is shared by everyone: a text that opened a transaction (pg-boss sends
          // `BEGIN; …; COMMIT` in one call) and failed midway would leave it aborted for all later
          // callers. pg's Pool discards such a connection; here we end the transaction ourselves.
          if (embedded.isInTransaction()) await embedded.exec('rollback');
          throw error;
        }
        if (embedded.isInTransaction()) {
          await embedded.exec('rollback');
          throw new Error('executeSql on PGlite must end every transaction it begins, within the same call');
        }
        return { rows };
      }),
    dumpDataDir: () => mutex.run(() => embedded.dumpDataDir()),
    close: async () => {
      await db.destroy();
      await mutex.run(release);
    },
  };
}
