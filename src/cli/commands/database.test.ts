import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const run = (...argv: string[]) => runOnTestApp(app, ...argv);

describe('meshvault database vacuum', () => {
  it('vacuums and analyses every table of the embedded database now; on PostgreSQL it says autovacuum does it', async () => {
    if (app.database.kind !== 'pglite') {
      const said = await run('database', 'vacuum');
      expect(said.code).toBe(0);
      expect(said.out).toContain('runs on PostgreSQL, whose autovacuum keeps its tables; nothing to do.');
      expect(JSON.parse((await run('database', 'vacuum', '--json')).out)).toEqual({ database: 'postgres', tables: 0 });
      return;
    }
    await sql`create table churn (id int primary key, body text)`.execute(app.db);
    await sql`insert into churn select i, repeat('x', 200) from generate_series(1, 5000) i`.execute(app.db);
    await sql`delete from churn where id % 2 = 0`.execute(app.db);
    const statistics = async () => Number((await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'churn'`.execute(app.db)).rows[0]?.n);
    // A standalone backend never analyses by itself.
    expect(await statistics()).toBe(0);

    const said = await run('database', 'vacuum');
    expect(said.code, said.err).toBe(0);
    expect(said.out).toMatch(/^Vacuumed and analysed \d+ tables in \d+\.\d s; the database holds \d+\.\d MiB \(\d+\.\d MiB before\)\.\n$/);
    expect(await statistics()).toBe(2);
    // The deleted rows' space is free for reuse: inserting as many again does not grow the table.
    const size = async () => Number((await sql<{ n: string }>`select pg_relation_size('churn')::text as n`.execute(app.db)).rows[0]?.n);
    const vacuumed = await size();
    await sql`insert into churn select i * 2, repeat('y', 200) from generate_series(1, 2500) i`.execute(app.db);
    expect(await size()).toBe(vacuumed);

    const json = JSON.parse((await run('database', 'vacuum', '--json')).out) as { database: string; tables: number; seconds: number; bytesBefore: number; bytesAfter: number };
    expect(json).toMatchObject({ database: 'pglite' });
    expect(json.tables).toBeGreaterThan(100);
    expect(json.bytesAfter).toBeGreaterThan(0);
  });
});
