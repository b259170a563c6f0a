import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '../platform/config/index.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/index.js';
import { openMigratedPglite } from './reused-pglite.js';
import { adminQuery, databaseUrl, migrateAndInstallJobs, pgliteStart, postgresTemplate, type TestDatabaseStart } from './database-snapshot.js';

/**
 * A fresh database for one test file: a new PostgreSQL database when MESHVAULT_TEST_DATABASE_URL is
 * set (dropped afterwards), an in-memory PGlite otherwise. It starts empty, or with every migration
 * applied (`start: 'migrated'`); both are copies of the snapshots made once per run (database-snapshot.ts),
 * and a migrated PGlite may be one an earlier test file closed, emptied back to the snapshot (reused-pglite.ts).
 */
export async function openTestDatabase<DB>(opts: { start?: TestDatabaseStart } = {}): Promise<DatabaseHandle<DB> & { label: string }> {
  const start = opts.start ?? 'empty';
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) {
    const handle = start === 'migrated' ? await openMigratedPglite<DB>() : await openDatabase<DB>({ kind: 'pglite', dir: null, loadDataDir: await pgliteStart(start) });
    return { ...handle, label: 'pglite' };
  }
  const name = `mv_test_${randomBytes(6).toString('hex')}`;
  const template = start === 'migrated' ? postgresTemplate() : null;
  await adminQuery(adminUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const handle = await openDatabase<DB>({ kind: 'postgres', url: databaseUrl(adminUrl, name) });
  // The database's own tables are not typed yet: it is being made.
  if (start === 'migrated' && !template) await migrateAndInstallJobs(handle as DatabaseHandle<unknown>);
  return {
    ...handle,
    label: 'postgres',
    close: async () => {
      await handle.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export function testDatabaseTarget(): { kind: 'postgres'; url: string } | null {
  const url = testDatabaseUrl();
  return url ? { kind: 'postgres', url } : null;
}
