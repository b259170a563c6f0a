import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../platform/db/index.js';
import { openTestDatabase, testDatabaseTarget } from './test-database.js';

type Db = Kysely<unknown>;
const open = () => openTestDatabase<unknown>({ start: 'migrated' });
const opened: DatabaseHandle<unknown>[] = [];
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close().catch(() => {});
});

/** The same PGlite instance answers with the same start time; a new one with its own. */
async function startedAt(db: Db): Promise<string> {
  return (await sql<{ at: string }>`select pg_postmaster_start_time()::text as at`.execute(db)).rows[0]!.at;
}

async function addAuditEntry(db: Db): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    insert into audit_log (at, actor_role, action, prev_hash, hash) values (now(), 'system', 'test.entry', '', '') returning id`.execute(db);
  return rows[0]!.id;
}

describe.skipIf(testDatabaseTarget() !== null)('a migrated PGlite handed from one test file to the next', () => {
  it('comes back as the snapshot was: no rows, identities restarted, a fresh session', async () => {
    const first = await open();
    const firstStart = await startedAt(first.db);
    expect(await addAuditEntry(first.db)).toBe(1);
    expect(await addAuditEntry(first.db)).toBe(2);
    await sql`set timezone = 'Asia/Tokyo'`.execute(first.db);
    await first.close();

    const second = await open();
    opened.push(second);
    expect(await startedAt(second.db)).toBe(firstStart); // reused, not started anew
    const count = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(second.db);
    expect(count.rows[0]!.n).toBe(0);
    expect(await addAuditEntry(second.db)).toBe(1);
    const zone = await sql<{ TimeZone: string }>`show timezone`.execute(second.db);
    expect(zone.rows[0]!.TimeZone).not.toBe('Asia/Tokyo');
    const migrations = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(second.db);
    expect(migrations.rows[0]!.n).toBeGreaterThan(0);
  });

  it('gives the tables the snapshot fills their rows back: the migrations, and the job queue', async () => {
    const rowsOf = async (db: Db) =>
      (
        await sql<{ text: string }>`
          select (select json_agg(m order by name) from kysely_migration m)::text
              || (select json_agg(v) from pgboss.version v)::text
              || (select json_agg(q order by name) from pgboss.queue q)::text as text`.execute(db)
      ).rows[0]!.text;
    const first = await open();
    const firstStart = await startedAt(first.db);
    const before = await rowsOf(first.db);
    await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(first.db);
    await sql`update pgboss.version set maintained_on = now(), cron_on = now()`.execute(first.db);
    await sql`update pgboss.queue set retry_limit = retry_limit + 1`.execute(first.db);
    await sql`insert into pgboss.job (name, data) select name, '{}' from pgboss.queue limit 1`.execute(first.db);
    await first.close();

    const second = await open();
    opened.push(second);
    expect(await startedAt(second.db)).toBe(firstStart);
    expect(await rowsOf(second.db)).toBe(before);
    const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job`.execute(second.db);
    expect(jobs.rows[0]!.n).toBe(0);
  });

  it('is not handed on once a test changed its schema: the next file gets a new one', async () => {
    for (const change of [
      sql`create schema left_behind_jobs`,
      sql`drop table pgboss.subscription`,
      sql`alter table users add column left_behind text`,
      sql`create index left_behind_idx on audit_log (action)`,
      sql`create table left_behind (id int)`,
    ]) {
      const changed = await open();
      const changedStart = await startedAt(changed.db);
      await change.execute(changed.db);
      await changed.close();

      const next = await open();
      opened.push(next);
      expect(await startedAt(next.db)).not.toBe(changedStart);
      const leftovers = await sql<{ n: number }>`
        select (select count(*) from information_schema.columns where column_name = 'left_behind')
             + (select count(*) from pg_class where relname in ('left_behind', 'left_behind_idx'))
             + (select count(*) from pg_namespace where nspname = 'left_behind_jobs')::int as n`.execute(next.db);
      expect(leftovers.rows[0]!.n).toBe(0);
      await next.close();
      opened.pop();
    }
  });

  it('rolls back a transaction left open at close, and is handed on without it', async () => {
    const handle = await open();
    const handleStart = await startedAt(handle.db);
    await sql`begin`.execute(handle.db);
    await addAuditEntry(handle.db);
    await handle.close();

    const next = await open();
    opened.push(next);
    const count = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(next.db);
    expect(count.rows[0]!.n).toBe(0);
    expect(await startedAt(next.db)).toBe(handleStart);
    // Outside a transaction block each statement is a transaction of its own, with its own id.
    const transaction = async () => (await sql<{ id: string }>`select txid_current()::text as id`.execute(next.db)).rows[0]!.id;
    expect(await transaction()).not.toBe(await transaction());
  });
});
