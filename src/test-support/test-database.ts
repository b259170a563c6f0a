import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabaseUrl } from '../platform/config/index.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/index.js';

/**
 * A fresh, empty database for one test file: a new PostgreSQL database when
 * MESHVAULT_TEST_DATABASE_URL is set (dropped afterwards), an in-memory PGlite otherwise.
 */
export async function openTestDatabase<DB>(): Promise<DatabaseHandle<DB> & { label: string }> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) {
    const handle = await openDatabase<DB>({ kind: 'pglite', dir: null });
    return { ...handle, label: 'pglite' };
  }
  const name = `mv_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase<DB>({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    label: 'postgres',
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function testDatabaseTarget(): { kind: 'postgres'; url: string } | null {
  const url = testDatabaseUrl();
  return url ? { kind: 'postgres', url } : null;
}
