import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openDatabaseBehind, startPglite, type DatabaseHandle } from './index.js';

/**
 * A data directory's database runs in a worker thread (pglite-in-worker.ts): what crosses between the
 * threads must come back as it does from a PGlite in this thread, and the event loop here stays free.
 */
const root = mkdtempSync(join(tmpdir(), 'meshvault-pglite-worker-'));
const dir = join(root, 'db');
let handle: DatabaseHandle<{ t: { id: number; name: string } }>;

beforeAll(async () => {
  handle = await openDatabase({ kind: 'pglite', dir });
  await handle.executeSql('create table t (id int8 primary key, name text not null)');
}, 120_000);
afterAll(async () => {
  await handle?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('an embedded database in a worker thread', () => {
  it('returns values as PGlite in this thread does: int8 as a number, bytea, jsonb, timestamps', async () => {
    const { rows } = await handle.executeSql('select $1::int8 as n, $2::bytea as b, $3::jsonb as j, $4::timestamptz as at, $5::text[] as list', [
      42,
      Buffer.from('mesh'),
      JSON.stringify({ a: [1, 'two'] }),
      new Date('2026-12-07T10:00:00Z'),
      ['x', 'y'],
    ]);
    expect(rows[0]).toEqual({ n: 42, b: new Uint8Array(Buffer.from('mesh')), j: { a: [1, 'two'] }, at: new Date('2026-12-07T10:00:00Z'), list: ['x', 'y'] });
    // Several statements in one text (the simple-query protocol): the last one's rows.
    expect((await handle.executeSql('select 1 as one; select 2 as two')).rows).toEqual([{ two: 2 }]);
  });

  it("carries a database error's SQLSTATE and fields across, and goes on working after it", async () => {
    await handle.db.insertInto('t').values({ id: 1, name: 'first' }).execute();
    const error = await handle.db
      .insertInto('t')
      .values({ id: 1, name: 'again' })
      .execute()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 't_pkey' });
    expect((error as Error).message).toContain('duplicate key');
    expect(await handle.db.selectFrom('t').select('name').execute()).toEqual([{ name: 'first' }]);
  });

  it('rolls a failed transaction back whole, and knows when one is open', async () => {
    const failed = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 2, name: 'in a transaction' }).execute();
      await sql`select 1/0`.execute(trx);
    });
    await expect(failed).rejects.toMatchObject({ code: '22012' });
    expect(await handle.db.selectFrom('t').select('id').orderBy('id').execute()).toEqual([{ id: 1 }]);
    // A text that leaves a transaction open is refused and rolled back, as in this thread.
    await expect(handle.executeSql("begin; insert into t values (3, 'left open')")).rejects.toThrow(/must end every transaction/);
    expect((await handle.executeSql('select count(*) as n from t')).rows).toEqual([{ n: 1 }]);
  });

  it('leaves the event loop free while a query runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await handle.executeSql('select count(*) from generate_series(1, 2000000)');
    } finally {
      clearInterval(timer);
    }
    // In this thread, PGlite would hold the loop until the query ended: no tick at all.
    expect(ticks).toBeGreaterThan(0);
  });

  it('dumps its data directory as a tarball another PGlite starts from', async () => {
    const dump = await handle.dumpDataDir!();
    const copy = await startPglite({ dir: null, loadDataDir: dump });
    try {
      expect((await copy.query('select name from t')).rows).toEqual([{ name: 'first' }]);
    } finally {
      await copy.close();
    }
  });

  it('says which directory it could not open', async () => {
    const broken = join(root, 'broken');
    const other = await openDatabase({ kind: 'pglite', dir: broken });
    await other.close();
    writeFileSync(join(broken, 'PG_VERSION'), 'not a version\n');
    const refused = openDatabase({ kind: 'pglite', dir: broken });
    await expect(refused).rejects.toThrow(`Could not open the embedded database in ${broken}: `);
    // An AppError: the CLI prints its message alone, not a stack under "Unexpected error".
    await expect(refused).rejects.toMatchObject({ code: 'unavailable' });
  }, 120_000);

  it('is handed over while it opens (a server start): queries wait for it, or fail as the opening did', async () => {
    const second = join(root, 'behind');
    const opening = await openDatabaseBehind<{ t: { id: number } }>({ kind: 'pglite', dir: second });
    // Several at once, before the opening is done: each waits, in order.
    const answers = await Promise.all([opening.executeSql('create table t (id int8 primary key)'), opening.db.insertInto('t').values({ id: 7 }).execute().then(() => opening.db.selectFrom('t').select('id').execute())]);
    expect(answers[1]).toEqual([{ id: 7 }]);
    await opening.close();

    writeFileSync(join(second, 'PG_VERSION'), 'not a version\n');
    const broken = await openDatabaseBehind({ kind: 'pglite', dir: second });
    await expect(broken.executeSql('select 1')).rejects.toThrow(`Could not open the embedded database in ${second}: `);
    await expect(broken.executeSql('select 1')).rejects.toMatchObject({ code: 'unavailable' });
    await broken.close();
  }, 120_000);

  it('does not keep a process alive when idle', () => {
    // A command that opens the database and never closes it still exits (the worker holds the process
    // only while a request is out).
    const script = `import { openDatabase } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
const handle = await openDatabase({ kind: 'pglite', dir: process.argv[1] });
const { rows } = await handle.executeSql('select 6 * 7 as n');
console.log(rows[0].n);`;
    const other = join(root, 'other');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, other], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
    expect(run.status).toBe(0);
  }, 90_000);
});
