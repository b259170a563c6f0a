import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MODULES_DIR } from '../app-paths.js';
import { loadConfig, testDatabaseUrl, testSnapshot } from '../platform/config/index.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type SqlExecutor } from '../platform/db/index.js';
import { createLogger } from '../platform/log/index.js';

/**
 * What a test database starts as: initdb's empty database, or one with every migration applied and the
 * job queue installed (pg-boss's schema and every queue the app defines), as after an app's first start.
 */
export type TestDatabaseStart = 'empty' | 'migrated';

export type TestSnapshots = { location: string; remove(): Promise<void> };

const tarball = (dir: string, start: TestDatabaseStart) => join(dir, `${start}.tar`);

/**
 * Made once per test run (vitest's global setup), so no test file pays for initdb and the migrations:
 * on PGlite, the data directory after initdb and after migrating, as tarballs in a temporary folder;
 * on PostgreSQL, a migrated template database that each test database is created from.
 */
export async function makeTestSnapshots(): Promise<TestSnapshots> {
  const adminUrl = testDatabaseUrl();
  if (adminUrl) {
    const name = `mv_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, name) });
    try {
      await migrateAndInstallJobs(handle);
    } finally {
      await handle.close();
    }
    return { location: name, remove: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'meshvault-test-snapshot-'));
  const { empty, migrated } = await makePgliteTarballs();
  writeFileSync(tarball(dir, 'empty'), new Uint8Array(await empty.arrayBuffer()));
  writeFileSync(tarball(dir, 'migrated'), new Uint8Array(await migrated.arrayBuffer()));
  return { location: dir, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function makePgliteTarballs(): Promise<Record<TestDatabaseStart, Blob>> {
  const handle = await openDatabase({ kind: 'pglite', dir: null });
  try {
    const dump = handle.dumpDataDir;
    if (!dump) throw new Error('PGlite handle without dumpDataDir');
    const empty = await dump();
    await migrateAndInstallJobs(handle);
    return { empty, migrated: await dump() };
  } finally {
    await handle.close();
  }
}

/**
 * Every migration, then the job queue installed by an app started once on the database (about 0.2 s
 * that each test app queueing a job would spend again), then emptied of what that start wrote.
 */
export async function migrateAndInstallJobs(handle: DatabaseHandle<unknown>): Promise<void> {
  await migrateToLatest(handle.db, MODULES_DIR);
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-test-snapshot-app-'));
  try {
    const { createApp } = await import('../app.js');
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0' });
    const app = await createApp({ config, log: createLogger('silent'), database: handle, role: 'api' });
    try {
      await app.startJobs();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await emptyTables(handle.executeSql);
}

/** The tables a migrated snapshot fills: the migrations' record, and pg-boss's version and queues. */
export const KEPT_TABLES = new Set(['public.kysely_migration', 'public.kysely_migration_lock', 'pgboss.version', 'pgboss.queue']);

/** Every other table truncated, identities restarted: the rows of a migrated snapshot and nothing else. */
export async function emptyTables(run: SqlExecutor): Promise<void> {
  const { rows } = await run(
    `select format('%I.%I', schemaname, tablename) as name, schemaname || '.' || tablename as plain from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const emptied = rows.filter((row) => !KEPT_TABLES.has(String(row.plain))).map((row) => String(row.name));
  if (emptied.length > 0) await run(`truncate ${emptied.join(', ')} restart identity cascade`);
}

let madeHere: Promise<Record<TestDatabaseStart, Blob>> | undefined;
const readHere: Partial<Record<TestDatabaseStart, Blob>> = {};

/**
 * The PGlite data directory a test database starts from: the run's snapshot (only the one asked for is
 * read, once per process), else one made in this process.
 */
export async function pgliteStart(start: TestDatabaseStart): Promise<Blob> {
  // On PostgreSQL the run's snapshot is a template database, of no use to an embedded one.
  const dir = testDatabaseUrl() ? undefined : testSnapshot();
  if (!dir) {
    madeHere ??= makePgliteTarballs();
    return (await madeHere)[start];
  }
  return (readHere[start] ??= new Blob([new Uint8Array(readFileSync(tarball(dir, start)))]));
}

/** On PostgreSQL, the template a migrated test database is copied from (null: migrate it instead). */
export function postgresTemplate(): string | null {
  return testSnapshot() ?? null;
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
