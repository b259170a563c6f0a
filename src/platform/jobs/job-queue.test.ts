import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testDatabaseUrl } from '../config/index.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { createLogger } from '../log/index.js';
import { createJobQueue, defineJob, type JobDefinition, type JobQueue, type JobRole } from './index.js';

const log = createLogger('silent');
const POLL_SECONDS = 0.5;
const ZNumbered = z.object({ n: z.number().int() });

type Target = { label: string; open: () => Promise<{ handle: DatabaseHandle<unknown>; dispose: () => Promise<void> }> };

const postgresUrl = testDatabaseUrl();
const targets: Target[] = [
  {
    label: 'PGlite in memory',
    open: async () => {
      const handle = await openDatabase<unknown>({ kind: 'pglite', dir: null });
      return { handle, dispose: () => handle.close() };
    },
  },
  ...(postgresUrl ? [{ label: 'PostgreSQL', open: () => openFreshPostgres(postgresUrl) }] : []),
];

describe.each(targets)('job queue on $label', (target) => {
  let handle: DatabaseHandle<unknown>;
  let dispose: () => Promise<void> = async () => {};
  const started: JobQueue[] = [];

  beforeAll(async () => {
    ({ handle, dispose } = await target.open());
  });

  afterAll(async () => {
    for (const queue of started) await queue.stop({ graceful: false });
    // Closing must not hang behind anything the queues left running.
    await dispose();
  });

  async function startQueue(definitions: JobDefinition[], role: JobRole = 'all', extra: { soleWorker?: boolean } = {}): Promise<JobQueue> {
    const queue = createJobQueue({ handle, log, role, pollingIntervalSeconds: POLL_SECONDS, ...extra });
    for (const definition of definitions) await queue.work(definition);
    await queue.start();
    started.push(queue);
    return queue;
  }

  async function countJobs(queueName: string): Promise<number> {
    const { rows } = await handle.executeSql('select count(*)::int as count from pgboss.job where name = $1', [queueName]);
    return Number(rows[0]?.count);
  }

  async function jobState(id: string): Promise<unknown> {
    const { rows } = await handle.executeSql('select state from pgboss.job where id = $1', [id]);
    return rows[0]?.state;
  }

  it('leaves the database usable after a BEGIN…COMMIT text fails midway, as pg-boss maintenance may', async () => {
    await expect(handle.executeSql('begin; select 1/0; commit;')).rejects.toThrow('division by zero');
    const { rows } = await handle.executeSql('select 1 as one', []);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('works a job that was sent, with the payload its schema parsed', async () => {
    const handled = deferred<{ payload: unknown; attempt: number }>();
    const job = defineJob({
      name: 'test.worked',
      version: 1,
      schema: ZNumbered,
      handler: async (payload, ctx) => handled.resolve({ payload, attempt: ctx.attempt }),
    });
    const queue = await startQueue([job]);

    const id = await queue.send(job, { n: 7 });

    expect(id).toEqual(expect.any(String));
    expect(await handled.promise).toEqual({ payload: { n: 7 }, attempt: 0 });
    await waitFor(async () => (await queue.findJob(job, id!))?.state === 'completed');
    expect(job.queue).toBe('test.worked.v1');
  });

  it('refuses a payload its schema rejects, and queues nothing', async () => {
    const job = defineJob({ name: 'test.rejected', version: 1, schema: ZNumbered, handler: async () => {} });
    const queue = await startQueue([job], 'api');

    const bySchema = queue.send('test.rejected', { n: 'seven' });
    await expect(bySchema).rejects.toBeInstanceOf(AppError);
    await expect(bySchema).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(bySchema).rejects.toThrow(/test\.rejected\.v1 is invalid: n: /);
    await expect(queue.send('test.unknown', { n: 1 })).rejects.toMatchObject({ code: 'not_found' });
    expect(await countJobs(job.queue)).toBe(0);
  });

  it('retries a failing job up to its limit, then fails it with the error', async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: 'test.retried',
      version: 1,
      schema: ZNumbered,
      retryLimit: 2,
      retryDelaySeconds: 0,
      handler: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error('printer on fire');
      },
    });
    const queue = await startQueue([job]);

    const id = await queue.send(job, { n: 1 });

    await waitFor(async () => (await queue.findJob(job, id!))?.state === 'failed');
    const failed = await queue.findJob(job, id!);
    expect(attempts).toEqual([0, 1, 2]);
    expect(failed).toMatchObject({ retryCount: 2, output: { message: 'printer on fire' } });
  });

  it('fails a job whose stored payload its worker cannot read, without retrying it', async () => {
    let called = false;
    // An older API process, say, still sends a shape the new worker's schema refuses.
    const loose = defineJob({ name: 'test.unreadable', version: 1, schema: z.object({ n: z.unknown() }), handler: async () => {} });
    const strict = defineJob({
      name: 'test.unreadable',
      version: 1,
      schema: ZNumbered,
      retryLimit: 5,
      handler: async () => {
        called = true;
      },
    });
    const sender = await startQueue([loose], 'api');
    const worker = await startQueue([strict], 'worker');

    const id = await sender.send(loose, { n: 'seven' });

    await waitFor(async () => (await worker.findJob(strict, id!))?.state === 'failed');
    const failed = await worker.findJob(strict, id!);
    expect(called).toBe(false);
    expect(failed?.retryCount).toBe(0);
    expect(failed?.output).toMatchObject({ name: 'InvalidJobPayload', issues: [{ path: 'n' }] });
    expect((failed?.output as { message: string }).message).toContain('does not match the test.unreadable.v1 schema');
  });

  it('queues a job in a Kysely transaction: never worked if rolled back, worked once committed', async () => {
    const handled: number[] = [];
    const committedDone = deferred<void>();
    const job = defineJob({
      name: 'test.transactional',
      version: 1,
      schema: ZNumbered,
      handler: async ({ n }) => {
        handled.push(n);
        if (n === 2) committedDone.resolve();
      },
    });
    const queue = await startQueue([job]);

    let rolledBackId: string | null = null;
    const rolledBack = handle.db.transaction().execute(async (trx) => {
      rolledBackId = await queue.send(job, { n: 1 }, { transaction: trx });
      throw new Error('the change that caused the job failed');
    });
    await expect(rolledBack).rejects.toThrow('the change that caused the job failed');
    const committedId = await handle.db.transaction().execute((trx) => queue.send(job, { n: 2 }, { transaction: trx }));

    await committedDone.promise;
    expect(rolledBackId).toEqual(expect.any(String));
    expect(await queue.findJob(job, rolledBackId!)).toBeNull();
    expect(await queue.findJob(job, committedId!)).not.toBeNull();
    expect(handled).toEqual([2]);
  });

  it('stops gracefully: stop waits for the running handler, then the job is complete', async () => {
    const events: string[] = [];
    const running = deferred<void>();
    const release = deferred<void>();
    const job = defineJob({
      name: 'test.graceful',
      version: 1,
      schema: ZNumbered,
      handler: async () => {
        running.resolve();
        await release.promise;
        events.push('handler finished');
      },
    });
    const queue = createJobQueue({ handle, log, pollingIntervalSeconds: POLL_SECONDS });
    await queue.work(job);
    await queue.start();
    const id = await queue.send(job, { n: 1 });
    await running.promise;

    const stopped = queue.stop({ graceful: true, timeoutMs: 10_000 }).then(() => events.push('stopped'));
    await delay(300);
    expect(events).toEqual([]);
    release.resolve();
    await stopped;

    expect(events).toEqual(['handler finished', 'stopped']);
    expect(await jobState(id!)).toBe('completed');
    await expect(queue.send(job, { n: 2 })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('abandons a handler still running when the stop timeout ends, aborting it and releasing its job for retry', async () => {
    const running = deferred<AbortSignal>();
    const job = defineJob({
      name: 'test.abandoned',
      version: 1,
      schema: ZNumbered,
      retryLimit: 1,
      handler: async (_payload, ctx) => {
        running.resolve(ctx.signal);
        await new Promise(() => {});
      },
    });
    const queue = createJobQueue({ handle, log, pollingIntervalSeconds: POLL_SECONDS });
    await queue.work(job);
    await queue.start();
    const id = await queue.send(job, { n: 1 });
    const signal = await running.promise;

    await queue.stop({ graceful: true, timeoutMs: 200 });

    expect(signal.aborted).toBe(true);
    expect(await jobState(id!)).toBe('retry');
  });

  it('as the sole worker, at once retries a job a killed process left active, and fails one with no retries left', async () => {
    const handled = deferred<number>();
    const survivor = defineJob({ name: 'test.orphaned', version: 1, schema: ZNumbered, retryLimit: 3, retryDelaySeconds: 3600, expireInSeconds: 3600, handler: async (_p, ctx) => handled.resolve(ctx.attempt) });
    const exhausted = defineJob({ name: 'test.orphaned-last', version: 1, schema: ZNumbered, retryLimit: 0, handler: async () => {} });
    const sender = await startQueue([survivor, exhausted], 'api');
    const id = await sender.send(survivor, { n: 1 });
    const lastId = await sender.send(exhausted, { n: 2 });
    // What a process killed while running them leaves behind: the jobs stay active until they expire (an hour here).
    await handle.executeSql(`update pgboss.job set state = 'active', started_on = now() where id = any($1::uuid[])`, [[id, lastId]]);

    const worker = await startQueue([survivor, exhausted], 'all', { soleWorker: true });

    expect(await handled.promise).toBe(1);
    await waitFor(async () => (await worker.findJob(survivor, id!))?.state === 'completed');
    const failed = await worker.findJob(exhausted, lastId!);
    expect(failed?.state).toBe('failed');
    expect((failed?.output as { message?: string } | null)?.message).toMatch(/stopped before it finished/);
  });

  it('keeps a schedule for a job, and refuses a bad cron or payload', async () => {
    const job = defineJob({ name: 'test.scheduled', version: 1, schema: ZNumbered, handler: async () => {} });
    const queue = await startQueue([job], 'api');

    await queue.schedule(job, '*/5 * * * *', { n: 1 });

    expect(await queue.listSchedules()).toContainEqual({ queue: job.queue, cron: '*/5 * * * *', timezone: 'UTC' });
    await expect(queue.schedule(job, 'every tuesday', { n: 1 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(queue.schedule('test.scheduled', '0 3 * * *', { n: 'x' })).rejects.toMatchObject({ code: 'unprocessable' });
    await queue.unschedule(job);
    expect((await queue.listSchedules()).map((s) => s.queue)).not.toContain(job.queue);
  });

  it('turns a due schedule into a job that is worked', async () => {
    const handled = deferred<unknown>();
    const job = defineJob({ name: 'test.cron', version: 1, schema: ZNumbered, handler: async (payload) => handled.resolve(payload) });
    const queue = createJobQueue({
      handle,
      log,
      pollingIntervalSeconds: POLL_SECONDS,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
    });
    started.push(queue);
    await queue.work(job);
    await queue.start();

    // Every minute: the current minute's run is due now, so the next cron check queues it.
    await queue.schedule(job, '* * * * *', { n: 5 });

    expect(await handled.promise).toEqual({ n: 5 });
    await queue.unschedule(job);
  });

  it('runs no jobs in the api role; a worker process picks them up', async () => {
    const handled = deferred<void>();
    let handledByApi = false;
    const asSeenByApi = defineJob({
      name: 'test.roles',
      version: 1,
      schema: ZNumbered,
      handler: async () => {
        handledByApi = true;
      },
    });
    const api = await startQueue([asSeenByApi], 'api');
    const id = await api.send(asSeenByApi, { n: 1 });
    await delay(POLL_SECONDS * 1000 * 3);
    expect(await jobState(id!)).toBe('created');

    const asSeenByWorker = defineJob({ ...asSeenByApi, handler: async () => handled.resolve() });
    await startQueue([asSeenByWorker], 'worker');

    await handled.promise;
    expect(handledByApi).toBe(false);
  });

  it('leaves idle workers waiting: one query per interval asks which queues have a due job, and only their workers fetch', async () => {
    const statements: Array<{ text: string; values: unknown[] | undefined }> = [];
    const counted = {
      executeSql: (text: string, values?: unknown[]) => {
        statements.push({ text, values });
        return handle.executeSql(text, values);
      },
      kind: handle.kind,
    };
    const polls = () => statements.filter((s) => /select distinct name from pgboss\.job/i.test(s.text));
    const fetches = () => statements.filter((s) => /for update skip locked/i.test(s.text));
    const handled = deferred<void>();
    const jobs = Array.from({ length: 6 }, (_, i) =>
      defineJob({ name: `test.idle-${i}`, version: 1, schema: ZNumbered, handler: async () => (i === 4 ? handled.resolve() : undefined) }),
    );
    const worker = createJobQueue({ ...counted, log, role: 'worker', pollingIntervalSeconds: POLL_SECONDS });
    for (const job of jobs) await worker.work(job);
    await worker.start();
    started.push(worker);
    // Each worker fetches once as it starts; from the first poll on, nothing is due and none fetches.
    await waitFor(async () => polls().length >= 1);
    statements.length = 0;
    await waitFor(async () => polls().length >= 3);
    expect(fetches()).toEqual([]);

    // Queued by another process: found by the next poll, and fetched by its own worker only.
    const api = await startQueue([jobs[4]!], 'api');
    await api.send(jobs[4]!, { n: 1 });
    await handled.promise;
    expect(fetches().length).toBeGreaterThan(0);
    expect(new Set(fetches().map((f) => f.values?.[0]))).toEqual(new Set(['test.idle-4.v1']));
  });

  it('deduplicates queued jobs by singletonKey under the short policy', async () => {
    const job = defineJob({ name: 'test.singleton', version: 1, schema: ZNumbered, policy: 'short', handler: async () => {} });
    const queue = await startQueue([job], 'api');

    const first = await queue.send(job, { n: 1 }, { singletonKey: 'project-1' });
    const duplicate = await queue.send(job, { n: 2 }, { singletonKey: 'project-1' });
    const other = await queue.send(job, { n: 3 }, { singletonKey: 'project-2' });

    expect(first).toEqual(expect.any(String));
    expect(duplicate).toBeNull();
    expect(other).toEqual(expect.any(String));
  });

  it('drains in the api role: runs every due job now, those its jobs queue included, and reports them', async () => {
    const handled: string[] = [];
    const child = defineJob({ name: 'test.drain-child', version: 1, schema: ZNumbered, handler: async ({ n }) => void handled.push(`child ${n}`) });
    const parent = defineJob({
      name: 'test.drain-parent',
      version: 1,
      schema: ZNumbered,
      handler: async ({ n }) => {
        handled.push(`parent ${n}`);
        await queue.send(child, { n: n * 10 });
      },
    });
    // The handler runs only in drain(), once `queue` below is set.
    const queue = await startQueue([parent, child], 'api');
    const first = await queue.send(parent, { n: 1 });
    await queue.send(parent, { n: 2 });
    expect(await queue.countQueued(parent)).toBe(2);
    expect(handled).toEqual([]);

    const report = await queue.drain();

    expect(report).toEqual({ completed: { 'test.drain-parent.v1': 2, 'test.drain-child.v1': 2 }, failed: [] });
    expect(handled.sort()).toEqual(['child 10', 'child 20', 'parent 1', 'parent 2']);
    expect(await queue.findJob(parent, first!)).toMatchObject({ state: 'completed', retryCount: 0 });
    expect(await queue.countQueued(parent)).toBe(0);
    expect(await queue.countQueued(child)).toBe(0);
    expect(await queue.drain()).toEqual({ completed: {}, failed: [] });
  });

  it('drains through the worker\'s path: retries counted, failures recorded, a retry not yet due left queued', async () => {
    const attempts: number[] = [];
    const flaky = defineJob({
      name: 'test.drain-flaky',
      version: 1,
      schema: ZNumbered,
      retryLimit: 2,
      retryDelaySeconds: 0,
      handler: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        throw new Error('printer on fire');
      },
    });
    const later = defineJob({ name: 'test.drain-later', version: 1, schema: ZNumbered, retryLimit: 1, retryDelaySeconds: 3600, handler: async () => Promise.reject(new Error('not yet')) });
    const loose = defineJob({ name: 'test.drain-unreadable', version: 1, schema: z.object({ n: z.unknown() }), handler: async () => {} });
    const strict = defineJob({ ...loose, schema: ZNumbered, retryLimit: 5, handler: async () => Promise.reject(new Error('must not run')) });
    const sender = await startQueue([loose], 'api');
    const queue = await startQueue([flaky, later, strict], 'api');
    const flakyId = await queue.send(flaky, { n: 1 });
    const laterId = await queue.send(later, { n: 1 });
    const unreadableId = await sender.send(loose, { n: 'seven' });

    const report = await queue.drain();

    expect(attempts).toEqual([0, 1, 2]);
    expect(report.completed).toEqual({});
    expect(report.failed.map(({ queue: q, jobId, attempt, willRetry }) => [q, jobId, attempt, willRetry])).toEqual(
      expect.arrayContaining([
        ['test.drain-flaky.v1', flakyId, 0, true],
        ['test.drain-flaky.v1', flakyId, 1, true],
        ['test.drain-flaky.v1', flakyId, 2, false],
        ['test.drain-later.v1', laterId, 0, true],
        ['test.drain-unreadable.v1', unreadableId, 0, false],
      ]),
    );
    expect(report.failed).toHaveLength(5);
    expect(report.failed.find((f) => f.queue === 'test.drain-unreadable.v1')?.error).toContain('does not match the test.drain-unreadable.v1 schema');
    expect(await queue.findJob(flaky, flakyId!)).toMatchObject({ state: 'failed', retryCount: 2, output: { message: 'printer on fire' } });
    expect(await queue.findJob(later, laterId!)).toMatchObject({ state: 'retry', retryCount: 0, output: { message: 'not yet' } });
    expect(await queue.findJob(strict, unreadableId!)).toMatchObject({ state: 'failed', retryCount: 0, output: { name: 'InvalidJobPayload' } });
    expect(await queue.countQueued(later)).toBe(1);
    expect(await queue.drain()).toEqual({ completed: {}, failed: [] });
  });

  it('drains only the queues it is asked to, and gives up on a job that queues itself for ever', async () => {
    const kept = defineJob({ name: 'test.drain-kept', version: 1, schema: ZNumbered, handler: async () => {} });
    const endless = defineJob({ name: 'test.drain-endless', version: 1, schema: ZNumbered, handler: async ({ n }) => void (await queue.send(endless, { n: n + 1 })) });
    const queue = await startQueue([kept, endless], 'api');
    await queue.send(kept, { n: 1 });
    await queue.send(endless, { n: 1 });

    await expect(queue.drain({ only: [endless], maxJobs: 5 })).rejects.toThrow('drain ran 5 jobs and more are due');

    expect(await queue.countQueued(kept)).toBe(1);
    expect(await queue.countQueued(endless)).toBe(1);
    expect(await queue.drain({ only: ['test.drain-kept'] })).toEqual({ completed: { 'test.drain-kept.v1': 1 }, failed: [] });
    await expect(queue.drain({ only: ['test.drain-unknown'] })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('runs a job queued in the same millisecond as the fetch that would have missed it', async () => {
    // PGlite's clock moves in whole milliseconds, and pg-boss fetches a job once its start time is past.
    const quick = defineJob({ name: 'test.drain-quick', version: 1, schema: ZNumbered, handler: async () => {} });
    const queue = await startQueue([quick], 'api');
    for (let n = 0; n < 30; n++) {
      await queue.send(quick, { n });
      expect(await queue.drain({ only: [quick] }), `job ${n}`).toEqual({ completed: { 'test.drain-quick.v1': 1 }, failed: [] });
    }
  });

  it('drains beside a running worker without running any job twice', async () => {
    const runs = new Map<number, number>();
    const job = defineJob({ name: 'test.drain-shared', version: 1, schema: ZNumbered, concurrency: 2, handler: async ({ n }) => void runs.set(n, (runs.get(n) ?? 0) + 1) });
    const api = await startQueue([job], 'api');
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push((await api.send(job, { n }))!);

    const worker = await startQueue([job], 'worker');
    await api.drain();
    // The worker may still hold jobs it fetched: this test is about the worker, so it waits for them.
    // A generous bound: on a loaded CI machine the worker's polls come late; what is checked is below.
    await waitFor(async () => (await Promise.all(ids.map((id) => worker.findJob(job, id)))).every((found) => found?.state === 'completed'), 45_000);

    expect([...runs.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('refuses to drain or count a queue that is not started', async () => {
    const job = defineJob({ name: 'test.drain-unstarted', version: 1, schema: ZNumbered, handler: async () => {} });
    const queue = createJobQueue({ handle, log, role: 'api' });
    await queue.work(job);
    await expect(queue.drain()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(queue.countQueued(job)).rejects.toMatchObject({ code: 'unavailable' });
    await queue.stop();
  });
});

// Reopening the directory would prove little more (every queue after the first in the suite above
// already starts on an installed schema) and costs a second PGlite start-up.
describe('job queue on PGlite on disk', () => {
  it('works a job, stops, and lets the database close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mv-jobs-'));
    try {
      const handled = deferred<void>();
      const job = defineJob({ name: 'test.on-disk', version: 1, schema: ZNumbered, handler: async () => handled.resolve() });
      const handle = await openDatabase<unknown>({ kind: 'pglite', dir });
      const queue = createJobQueue({ executeSql: handle.executeSql, kind: handle.kind, log, pollingIntervalSeconds: POLL_SECONDS });
      await queue.work(job);
      await queue.start();

      const id = await queue.send(job, { n: 1 });
      await handled.promise;
      await waitFor(async () => (await queue.findJob(job, id!))?.state === 'completed');
      await queue.stop();

      await handle.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000); // initdb of an on-disk PGlite alone can take a minute on a loaded 2-core machine
});

async function openFreshPostgres(url: string) {
  const name = `mv_jobs_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await openDatabase<unknown>({ kind: 'postgres', url: dbUrl.toString() });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await delay(50);
  }
}
