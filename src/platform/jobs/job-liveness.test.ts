import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../config/index.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import { createLogger } from '../log/index.js';
import { createJobLiveness, type JobLiveness } from './job-liveness.js';

/**
 * A worker that loses the connection holding its running jobs' locks (a PostgreSQL restart, a proxy
 * cutting idle sessions) must neither crash nor let another worker's sweep take those jobs for dead.
 * PostgreSQL only: PGlite has one connection and no other process.
 */
const url = testDatabaseUrl();
const schema = `liveness_${process.pid}`;

describe.runIf(url)('job liveness after a lost connection', () => {
  let handle: DatabaseHandle<unknown>;
  const livenesses: JobLiveness[] = [];
  const jobId = '3f1c2a5e-0000-4000-8000-000000000001';

  beforeAll(async () => {
    handle = await openDatabase<unknown>({ kind: 'postgres', url: url! });
    // The two columns and the state type the sweep reads and writes, as pg-boss has them.
    await handle.executeSql(`create schema ${schema}`);
    await handle.executeSql(`create type ${schema}.job_state as enum ('created', 'retry', 'active', 'completed', 'cancelled', 'failed')`);
    await handle.executeSql(
      `create table ${schema}.job (id uuid primary key, name text not null, state ${schema}.job_state not null, started_on timestamptz,
         retry_count int not null default 0, retry_limit int not null default 2, start_after timestamptz, completed_on timestamptz, output jsonb)`,
    );
  });

  afterAll(async () => {
    for (const liveness of livenesses) liveness.close();
    await handle.executeSql(`drop schema ${schema} cascade`);
    await handle.close();
  });

  const make = () => {
    const liveness = createJobLiveness({ connect: handle.dedicatedConnection!, executor: handle, schema, graceSeconds: 0, log: createLogger('silent'), checkEveryMs: 60_000 });
    livenesses.push(liveness);
    return liveness;
  };
  const lockHolders = async () =>
    (await handle.executeSql(`select pid from pg_locks where locktype = 'advisory' and classid = 7460020 and granted`)).rows.map((row) => Number(row.pid));

  it('takes its running jobs’ locks again on a new connection, so a sweep elsewhere leaves them alone', async () => {
    await handle.executeSql(`insert into ${schema}.job (id, name, state, started_on) values ($1, 'export', 'active', now() - interval '1 hour')`, [jobId]);
    const running = make();
    const sweeper = make();
    await running.claim(jobId);
    const [before] = await lockHolders();
    expect(before).toBeDefined();

    await handle.executeSql('select pg_terminate_backend($1)', [before]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The process is still here (an unheard 'error' event would have ended it) and marks the job again.
    await running.check();
    const [after] = await lockHolders();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);

    expect(await sweeper.sweep()).toBe(0);
    const { rows } = await handle.executeSql(`select state from ${schema}.job where id = $1`, [jobId]);
    expect(rows[0]?.state).toBe('active');

    await running.release(jobId);
    expect(await lockHolders()).toEqual([]);
    // With the job finished and unmarked, a sweep would now take it (it is still 'active' in this fake table).
    expect(await sweeper.sweep()).toBe(1);
  });
});
