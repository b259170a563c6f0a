import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { Mutex } from './mutex.js';
import { createClusterApart } from './pglite-cluster.js';
import { PGliteDialect } from './pglite-dialect.js';
import { PglitePreparedStatements } from './pglite-prepared.js';
import { preparingPool } from './prepared-statements.js';

/**
 * `loadDataDir` (PGlite only): start from a data directory saved by `dumpDataDir` instead of running
 * initdb; tests start each database from one pre-migrated copy made once per run. `sharedBuffersMb`
 * (PGlite only): its buffer cache, EMBEDDED_SHARED_BUFFERS_MB unless given.
 */
export type DatabaseTarget = { kind: 'pglite'; dir: string | null; loadDataDir?: Blob; sharedBuffersMb?: number } | { kind: 'postgres'; url: string };

/**
 * PGlite's buffer cache (PostgreSQL's shared_buffers), in MiB, unless MESHVAULT_DATABASE_BUFFERS_MB
 * says otherwise. PostgreSQL's own default, 128 MB, is sized for a server of its own; inside ours,
 * PGlite zeroes all of it at every start and it stays resident (issue #12). At 32 MB the database
 * opened in 0.53–0.68 s instead of 0.79–1.17 s, with 110 MiB less resident memory. A page that is not
 * in the cache is read from the operating system's cache through PGlite's file layer: about 27 µs
 * more per page, measured on a table of 244 MB with a working set between the two sizes.
 */
export const EMBEDDED_SHARED_BUFFERS_MB = 32;

/** What PGlite starts Postgres with: its own parameters, and the buffer cache. */
export function pgliteStartParams(sharedBuffersMb = EMBEDDED_SHARED_BUFFERS_MB): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
}

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
  return pgliteHandle<DB>(await startPglite(target));
}

/** A PGlite database started as `openDatabase` starts one, without a handle over it yet. */
export async function startPglite(target: Omit<Extract<DatabaseTarget, { kind: 'pglite' }>, 'kind'>): Promise<PGlite> {
  const startParams = pgliteStartParams(target.sharedBuffersMb);
  if (target.dir) {
    mkdirSync(target.dir, { recursive: true });
    if (!target.loadDataDir) await createClusterApart(target.dir, startParams);
  }
  return PGlite.create(target.dir ?? 'memory://', {
    startParams,
    parsers: { 20: (v: string) => Number(v) },
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
}

/**
 * The handle over a running PGlite. Closing it ends the handle's use of the database, then calls
 * `release`, which closes PGlite unless the caller says otherwise (tests hand the database on to the next test file).
 */
export function pgliteHandle<DB>(pglite: PGlite, release: (pglite: PGlite) => Promise<void> = (running) => running.close()): DatabaseHandle<DB> {
  const mutex = new Mutex();
  const statements = new PglitePreparedStatements(pglite);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(statements, mutex) });
  return {
    db,
    kind: 'pglite',
    executeSql: (text, values) =>
      mutex.run(async () => {
        let result: { rows: Record<string, unknown>[] };
        try {
          result = await runPgliteSql(pglite, statements, text, values);
        } catch (error) {
          // The backend is shared by everyone: a text that opened a transaction (pg-boss sends
          // `BEGIN; …; COMMIT` in one call) and failed midway would leave it aborted for all later
          // callers. pg's Pool discards such a connection; here we end the transaction ourselves.
          if (pglite.isInTransaction()) await pglite.exec('rollback');
          throw error;
        }
        if (pglite.isInTransaction()) {
          await pglite.exec('rollback');
          throw new Error('executeSql on PGlite must end every transaction it begins, within the same call');
        }
        return result;
      }),
    dumpDataDir: () => mutex.run(() => pglite.dumpDataDir('none')),
    close: async () => {
      await db.destroy();
      await mutex.run(() => release(pglite));
    },
  };
}

async function runPgliteSql(pglite: PGlite, statements: PglitePreparedStatements, text: string, values: unknown[] | undefined) {
  if (values && values.length > 0) return { rows: (await statements.query<Record<string, unknown>>(text, values)).rows };
  // Only the simple-query protocol accepts several statements in one text (pg-boss migrations).
  const results = await pglite.exec(text);
  return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
}
