/**
 * Scale-out for real: two API processes and two workers (`meshvault serve --role …`, separate Node
 * processes) on one PostgreSQL database and one S3-compatible store (s3rver, started here), driven
 * through both API processes as a load balancer would. Runs only on PostgreSQL (PGlite is one process).
 * The cron test runs on the real clock across two minute boundaries (cron has minute resolution), so
 * the suite takes about three minutes more than its other tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_OBJECT_PREFIX } from '../../src/modules/erasure/index.js';
import { storageConfigFor, testDatabaseUrl } from '../../src/platform/config/index.js';
import { openStorage } from '../../src/platform/storage/index.js';
import { adminQuery, databaseUrl } from '../../src/test-support/database-snapshot.js';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../src/test-support/s3-server.js';
import { outboxLink, send, signUpAndIn, tusPatch, until, type Session } from './http.js';
import { runMeshvaultCommand, startMeshvault, stopAllMeshvault, type MeshvaultProcess } from './processes.js';

const adminUrl = testDatabaseUrl();
const reason = adminUrl ? '' : ' (skipped: set MESHVAULT_TEST_DATABASE_URL to a PostgreSQL server; PGlite is one process)';

/** A binary STL of the 20 mm cube's triangles repeated: over two 64 KiB vault chunks, still a model the analysis reads. */
function modelOfSize(triangles: number): Buffer {
  const cube = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'models', 'cube-20mm.stl'));
  const facets = cube.subarray(84);
  const out = Buffer.alloc(84 + triangles * 50);
  cube.copy(out, 0, 0, 80);
  out.writeUInt32LE(triangles, 80);
  for (let i = 0; i < triangles; i++) facets.copy(out, 84 + i * 50, (i % 12) * 50, (i % 12) * 50 + 50);
  return out;
}

describe.skipIf(!adminUrl)(`two API processes and two workers on one PostgreSQL and one object store${reason}`, () => {
  const databaseName = `mv_multi_${randomBytes(6).toString('hex')}`;
  let s3: TestS3Server;
  let a: MeshvaultProcess | undefined;
  let b: MeshvaultProcess | undefined;
  let worker: MeshvaultProcess | undefined;
  let otherWorker: MeshvaultProcess | undefined;
  let db: pg.Client;
  let session: Session;
  let projectId: string;
  const archiveDir = mkdtempSync(join(tmpdir(), 'meshvault-backup-'));
  /** What every process of the installation is started with. */
  let env: Record<string, string>;

  beforeAll(async () => {
    const url = adminUrl ?? '';
    // Created empty (no template): the processes themselves install the schemas, as replicas of a new installation do.
    await adminQuery(url, `create database ${databaseName}`);
    s3 = await startTestS3Server();
    env = {
      MESHVAULT_DATABASE_URL: databaseUrl(url, databaseName),
      MESHVAULT_STORAGE_URL: `s3://${s3.bucket}/meshvault`,
      MESHVAULT_S3_ENDPOINT: s3.endpoint,
      MESHVAULT_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      MESHVAULT_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      // Every process must unwrap the others' data keys.
      MESHVAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      MESHVAULT_ADMIN_EMAIL: 'admin@example.com',
      MESHVAULT_ADMIN_PASSWORD: 'correct horse battery staple',
      MESHVAULT_SHUTDOWN_GRACE_SECONDS: '10',
    };
    // All four at the same moment on the new database: they migrate, install the job queue and
    // publish the first policy one after the other (the start-up lock), none waits for a signal.
    [a, b, worker, otherWorker] = await Promise.all([startMeshvault('api', env), startMeshvault('api', env), startMeshvault('worker', env), startMeshvault('worker', env)]);
    db = new pg.Client({ connectionString: env.MESHVAULT_DATABASE_URL });
    await db.connect();
  }, 180_000);

  const count = async (query: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(query, values)).rows[0]?.n);

  it('starts all four together on a new database: each is ready, and what a first start creates exists once', async () => {
    for (const api of [a!, b!]) expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    expect(await count('select count(*) as n from manifest_versions')).toBe(1);
    expect(await count(`select count(*) as n from users where email = 'admin@example.com'`)).toBe(1);
    expect((await db.query('select name from kysely_migration group by name having count(*) > 1')).rows).toEqual([]);
    // Only one of them announced the administrator it created.
    const announced = [a!, b!, worker!, otherWorker!].flatMap((p) => p.lines).filter((line) => line.includes('an administrator account was created'));
    expect(announced).toHaveLength(1);
  });

  afterAll(async () => {
    await stopAllMeshvault();
    await db?.end();
    await s3?.close();
    rmSync(archiveDir, { recursive: true, force: true });
    if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
    if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName}_restored with (force)`);
  }, 60_000);

  it('accepts on one API process the session made on the other', async () => {
    // Signed up on A, the address confirmed on B (the mail is in the shared outbox), signed in on A.
    session = await signUpAndIn(a!.url, b!.url, 'customer@example.com', 'correct horse battery', outboxLink(db));
    const me = await send(b!.url, session, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('customer@example.com');
    const created = await send(b!.url, session, 'POST', '/api/projects', {
      json: { title: 'Gearbox housing', process: 'FDM', material: 'pla', colour: 'black', quantity: 3, units: 'mm', toleranceMm: 0.2, finish: 'sanded', wantedDeliveryDate: '2027-03-31', notes: 'Scale-out test.' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    projectId = ((await created.json()) as { id: string }).id;
  });

  it('refuses on B, at once, a session B served a moment ago and A signed out (each process keeps sessions, none serves an ended one)', async () => {
    const leaving = await signUpAndIn(a!.url, b!.url, 'signs-out@example.com', 'correct horse battery', outboxLink(db));
    // Twice on B: the second is served from what B keeps of the session.
    for (let i = 0; i < 2; i++) expect((await send(b!.url, leaving, 'GET', '/api/me')).status).toBe(200);
    expect((await send(a!.url, leaving, 'POST', '/api/auth/sign-out')).status).toBe(200);
    expect((await send(b!.url, leaving, 'GET', '/api/me')).status).toBe(401);
    expect((await send(a!.url, leaving, 'GET', '/api/me')).status).toBe(401);
  });

  it('finishes on B an upload begun on A while A drains after SIGTERM and B takes the load; one worker analyses it once; the bytes read back whole', async () => {
    const model = modelOfSize(3000); // 150 KB: whole chunks and a sealed tail on A, the rest on B
    const created = await send(a!.url, session, 'POST', `/api/projects/${projectId}/uploads`, {
      headers: { 'tus-resumable': '1.0.0', 'upload-length': String(model.length), 'upload-metadata': `filename ${Buffer.from('housing.stl').toString('base64')}` },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const location = new URL(created.headers.get('location') ?? '', a!.url).pathname;
    const firstPiece = 100_000;
    expect((await tusPatch(a!.url, session, location, 0, model.subarray(0, firstPiece))).status).toBe(204);

    // A is told to stop while requests keep arriving at B.
    const aExited = a!.exited;
    a!.child.kill('SIGTERM');
    const load = await Promise.all(Array.from({ length: 20 }, () => send(b!.url, session, 'GET', '/api/me').then((r) => r.status)));
    expect(load).toEqual(Array(20).fill(200));
    expect(await aExited).toEqual({ code: 0, signal: null });

    // The client asks B where to resume (the state is in the database and the bucket, none in A's memory).
    const head = await send(b!.url, session, 'HEAD', location, { headers: { 'tus-resumable': '1.0.0' } });
    expect(head.headers.get('upload-offset')).toBe(String(firstPiece));
    expect((await tusPatch(b!.url, session, location, firstPiece, model.subarray(firstPiece))).status).toBe(204);
    const fileId = location.split('/').pop() ?? '';

    const download = await send(b!.url, session, 'GET', `/api/files/${fileId}/download`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(model)).toBe(true);

    // The analysis job queued by B's last PATCH runs in a worker, once, and in no API process.
    const analysed = (line: string) => line.includes('"msg":"model analysed"') && line.includes(fileId);
    await Promise.race([worker!.printed(analysed), otherWorker!.printed(analysed)]);
    expect([...worker!.lines, ...otherWorker!.lines].filter(analysed)).toHaveLength(1);
    const analyses = await db.query<{ count: string }>(`select count(*) from audit_log where action in ('files.analysed', 'files.rejected') and target_id = $1`, [fileId]);
    expect(Number(analyses.rows[0]?.count)).toBe(1);
    expect([...a!.lines, ...b!.lines].filter((line) => line.includes('"msg":"model analysed"'))).toEqual([]);
  }, 120_000);

  it("erases a person in a worker while an API process serves that person's reads: every read is whole or refused, none fails, and nothing is left", async () => {
    const person = await signUpAndIn(b!.url, b!.url, 'leaving@example.com', 'correct horse battery', outboxLink(db));
    const me = (await (await send(b!.url, person, 'GET', '/api/me')).json()) as { id: string };
    const created = await send(b!.url, person, 'POST', '/api/projects', { json: { title: 'To be erased', process: 'FDM', material: 'pla', colour: 'black', quantity: 1, units: 'mm', toleranceMm: 0.2, finish: 'sanded', wantedDeliveryDate: '2027-03-31', notes: 'Erasure test.' } });
    expect(created.status).toBe(201);

    const asked = await send(b!.url, person, 'POST', '/api/me/erasure', { json: { password: 'correct horse battery' } });
    expect(asked.status, await asked.clone().text()).toBe(202);
    const { erasureId, token } = (await asked.json()) as { erasureId: string; token: string };
    // The person's reads keep arriving at B until the worker has finished.
    const reads: Array<{ path: string; status: number; body: string }> = [];
    await until(async () => {
      for (const path of ['/api/me', '/api/projects']) {
        const answer = await send(b!.url, person, 'GET', path);
        reads.push({ path, status: answer.status, body: await answer.text() });
      }
      const view = await fetch(`${b!.url}/api/erasures/${erasureId}?token=${encodeURIComponent(token)}`);
      return ((await view.json()) as { status: string }).status === 'completed' ? true : undefined;
    });
    expect(reads.filter((read) => read.status >= 500)).toEqual([]);
    // A read that was answered is whole: the person's own record, or their project list with the project.
    for (const read of reads.filter((r) => r.status === 200)) {
      expect(read.body).toContain(read.path === '/api/me' ? 'leaving@example.com' : 'To be erased');
    }
    expect((await send(b!.url, person, 'GET', '/api/me')).status).toBe(401);
    expect(await count('select count(*) as n from users where id = $1', [me.id])).toBe(0);
    expect(await count('select count(*) as n from projects where customer_id = $1', [me.id])).toBe(0);
  }, 120_000);

  it("keeps every worker's erasures in the ledger a restore reads, also when the restore runs on another machine", async () => {
    // B alone serves now: A was stopped by the upload test.
    const people = await Promise.all(['first-leaver@example.com', 'second-leaver@example.com'].map((email) => signUpAndIn(b!.url, b!.url, email, 'correct horse battery', outboxLink(db))));
    const ids = await Promise.all(people.map(async (person) => ((await (await send(b!.url, person, 'GET', '/api/me')).json()) as { id: string }).id));
    const passphrase = { MESHVAULT_BACKUP_PASSPHRASE: 'a long enough backup passphrase' };
    const archive = join(archiveDir, 'before.mvb');
    const backedUp = await runMeshvaultCommand(['backup', 'create', archive], { ...env, ...passphrase });
    expect(backedUp.code, backedUp.output).toBe(0);

    // Both ask at once: the two workers take the erasures as they come.
    const asked = await Promise.all(people.map((person) => send(b!.url, person, 'POST', '/api/me/erasure', { json: { password: 'correct horse battery' } })));
    expect(asked.map((answer) => answer.status)).toEqual([202, 202]);
    const erasures = await Promise.all(asked.map(async (answer) => (await answer.json()) as { erasureId: string; token: string }));
    const completed = async ({ erasureId, token }: { erasureId: string; token: string }) =>
      ((await (await fetch(`${b!.url}/api/erasures/${erasureId}?token=${encodeURIComponent(token)}`)).json()) as { status: string }).status === 'completed';
    await until(async () => ((await Promise.all(erasures.map(completed))).every(Boolean) ? true : undefined));
    expect(await count('select count(*) as n from users where id = any($1)', [ids])).toBe(0);

    // Each entry of the database's ledger is also in the bucket every process shares.
    const bucket = await openStorage(storageConfigFor(env.MESHVAULT_STORAGE_URL!, tmpdir(), env));
    const restoredBucket = await openStorage(storageConfigFor(`s3://${s3.bucket}/meshvault-restored`, tmpdir(), env));
    try {
      const inDatabase = (await db.query<{ id: string }>('select id from erasure_ledger order by id')).rows.map((row) => row.id);
      const shared: string[] = [];
      for await (const object of bucket.driver.list(LEDGER_OBJECT_PREFIX)) shared.push(object.key);
      expect(inDatabase.length).toBeGreaterThanOrEqual(2);
      expect(shared.sort()).toEqual(inDatabase.map((id) => `${LEDGER_OBJECT_PREFIX}${id}.json`).sort());

      // Restored into a new database and bucket prefix, on a machine with a data directory of its own
      // (no ledger file there): the operator brings the shared ledger along, and both come back erased.
      for (const key of shared) await restoredBucket.driver.put(key, await bucket.driver.read(key));
    } finally {
      bucket.close();
      restoredBucket.close();
    }
    await adminQuery(adminUrl ?? '', `create database ${databaseName}_restored`);
    const restoredUrl = databaseUrl(adminUrl ?? '', `${databaseName}_restored`);
    const restored = await runMeshvaultCommand(['backup', 'restore', archive], { ...env, ...passphrase, MESHVAULT_DATABASE_URL: restoredUrl, MESHVAULT_STORAGE_URL: `s3://${s3.bucket}/meshvault-restored` });
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain('Erased again: 2 accounts erased since the backup was taken.');
    const restoredDb = new pg.Client({ connectionString: restoredUrl });
    await restoredDb.connect();
    try {
      expect(Number((await restoredDb.query<{ n: string }>('select count(*) as n from users where id = any($1)', [ids])).rows[0]?.n)).toBe(0);
    } finally {
      await restoredDb.end();
    }
  }, 300_000);

  it('schedules each cron job once, however many processes started', async () => {
    const schedules = await db.query<{ name: string; count: string }>('select name, count(*) from pgboss.schedule group by name');
    expect(schedules.rows.length).toBeGreaterThan(0);
    expect(schedules.rows.filter((row) => Number(row.count) !== 1)).toEqual([]);
  });

  it('runs a job scheduled every minute exactly once per minute across both workers, over two minute boundaries', async () => {
    // An existing, harmless daily job is given a test cron in pg-boss's own schedule (what a worker's
    // start wrote), so both workers' cron monitors race for every minute; no test code runs in them.
    const queue = 'legal-holds.end-lapsed.v1';
    const sendIt = '__pgboss__send-it';
    const original = await db.query<{ cron: string }>('select cron from pgboss.schedule where name = $1', [queue]);
    expect(original.rows).toHaveLength(1);
    const since = (await db.query<{ now: Date }>(`update pgboss.schedule set cron = '* * * * *' where name = $1 returning now()`, [queue])).rows[0]!.now;
    const jobsOf = `(select name, state, retry_count, singleton_on, created_on, data from pgboss.job union all select name, state, retry_count, singleton_on, created_on, data from pgboss.archive) as jobs`;
    // The minutes pg-boss queued the job for: one send-it job per minute (its singleton window) and schedule.
    const queuedMinutes = async () =>
      (
        await db.query<{ minute: string; sends: string; states: string[] }>(
          // singleton_on is the minute's window (a timestamp without zone): it is named by its jobs' creation minute.
          `select extract(epoch from date_trunc('minute', min(created_on))) * 1000 as minute, count(*) as sends, array_agg(state::text) as states
             from ${jobsOf} where name = $1 and data->>'name' = $2 and created_on >= $3 group by singleton_on order by 1`,
          [sendIt, queue, since],
        )
      ).rows.map((row) => ({ ...row, minute: Number(row.minute) }));
    const minute = (at: Date, plus: number) => Math.floor(at.getTime() / 60_000) * 60_000 + plus * 60_000;
    // The next two whole minutes after the change, i.e. two minute boundaries crossed.
    const secondBoundary = minute(since, 2);
    await until(async () => ((await queuedMinutes()).some((row) => row.minute === secondBoundary) ? true : undefined), 1000);
    await db.query('update pgboss.schedule set cron = $2 where name = $1', [queue, original.rows[0]!.cron]);

    // Once every send-it job and the jobs they queued have finished, nothing more is on its way for these minutes.
    const ran = async () => (await db.query<{ state: string; retry_count: number }>(`select state::text, retry_count from ${jobsOf} where name = $1 and created_on >= $2`, [queue, since])).rows;
    const minutes = await until(async () => {
      const queued = await queuedMinutes();
      if (queued.some((row) => row.states.some((state) => state !== 'completed'))) return undefined;
      const jobs = await ran();
      return jobs.length >= queued.length && jobs.every((job) => job.state === 'completed') ? queued : undefined;
    }, 1000);

    // Each minute was queued once, with no minute missed between the first and the last.
    expect(minutes.filter((row) => Number(row.sends) !== 1)).toEqual([]);
    const times = minutes.map((row) => row.minute);
    expect(times).toContain(minute(since, 1));
    expect(times).toContain(secondBoundary);
    expect(times).toEqual(times.map((_, i) => times[0]! + i * 60_000));
    // And each queued minute ran once: as many jobs as minutes, each completed at its first attempt.
    const jobs = await ran();
    expect(jobs).toHaveLength(minutes.length);
    expect(jobs.filter((job) => job.state !== 'completed' || job.retry_count !== 0)).toEqual([]);
    // Both workers were there to race for every minute (each runs the cron monitor), and still are.
    for (const running of [worker!, otherWorker!]) expect(running.child.exitCode).toBeNull();
  }, 300_000);

  it("keeps the AWS SDK's Node-version notice out of the operator's log", () => {
    const all = [a, b, worker, otherWorker].flatMap((p) => p?.lines ?? []);
    expect(all.filter((line) => line.includes('NodeVersionSupportWarning'))).toEqual([]);
  });
});
