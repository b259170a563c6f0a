/**
 * Faults with several processes on one PostgreSQL database and one object store: a database
 * connection killed in the middle of a request, and a worker killed (SIGKILL) in the middle of a job.
 * Nothing is lost, nothing is done twice. (Graceful SIGTERM under load: scale-out.test.ts.) Runs only
 * on PostgreSQL: PGlite is one process.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES_DIR } from '../../src/app-paths.js';
import { testDatabaseUrl } from '../../src/platform/config/index.js';
import { migrateToLatest, openDatabase } from '../../src/platform/db/index.js';
import { adminQuery, databaseUrl, postgresTemplate } from '../../src/test-support/database-snapshot.js';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../src/test-support/s3-server.js';
import { outboxLink, send, signUpAndIn, until, type Session } from './http.js';
import { startMeshvault, stopAllMeshvault, type MeshvaultProcess } from './processes.js';

const adminUrl = testDatabaseUrl();
const reason = adminUrl ? '' : ' (skipped: set MESHVAULT_TEST_DATABASE_URL to a PostgreSQL server; PGlite is one process)';

const project = { title: 'Bracket', process: 'FDM', material: 'pla', colour: 'black', quantity: 1, units: 'mm', toleranceMm: 0.2, finish: 'sanded', wantedDeliveryDate: '2027-03-31', notes: 'Fault test.' };

describe.skipIf(!adminUrl)(`faults under several processes${reason}`, () => {
  const databaseName = `mv_faults_${randomBytes(6).toString('hex')}`;
  let s3: TestS3Server;
  let env: Record<string, string>;
  let api: MeshvaultProcess;
  let db: pg.Client;
  /** Holds the locks that stop a request or a job mid-way (a client of its own: pg_stat_activity is read once per transaction). */
  let locker: pg.Client;
  let lockerPid: number;
  let session: Session;

  /** Backends of the test database other than this test's two, with what they wait for. */
  const otherBackends = async () =>
    (
      await db.query<{ pid: number; wait_event_type: string | null; query: string }>(
        'select pid, wait_event_type, query from pg_stat_activity where datname = current_database() and pid not in (pg_backend_pid(), $1)',
        [lockerPid],
      )
    ).rows;

  beforeAll(async () => {
    const url = adminUrl ?? '';
    const template = postgresTemplate();
    await adminQuery(url, `create database ${databaseName}${template ? ` template ${template}` : ''}`);
    if (!template) {
      const handle = await openDatabase({ kind: 'postgres', url: databaseUrl(url, databaseName) });
      await migrateToLatest(handle.db, MODULES_DIR).finally(() => handle.close());
    }
    s3 = await startTestS3Server();
    env = {
      MESHVAULT_DATABASE_URL: databaseUrl(url, databaseName),
      MESHVAULT_STORAGE_URL: `s3://${s3.bucket}/meshvault`,
      MESHVAULT_S3_ENDPOINT: s3.endpoint,
      MESHVAULT_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      MESHVAULT_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      MESHVAULT_MASTER_KEY: randomBytes(32).toString('base64'),
      MESHVAULT_ADMIN_EMAIL: 'admin@example.com',
      MESHVAULT_ADMIN_PASSWORD: 'correct horse battery staple',
    };
    // The API process alone at first: the worker test starts its workers when it needs them.
    api = await startMeshvault('api', env);
    db = new pg.Client({ connectionString: env.MESHVAULT_DATABASE_URL });
    await db.connect();
    locker = new pg.Client({ connectionString: env.MESHVAULT_DATABASE_URL });
    await locker.connect();
    lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
    session = await signUpAndIn(api.url, api.url, 'faults@example.com', 'correct horse battery', outboxLink(db));
  }, 180_000);

  afterAll(async () => {
    await stopAllMeshvault();
    await db?.end();
    await locker?.end();
    await s3?.close();
    if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
  }, 60_000);

  it("answers a request whose database connections are killed mid-way with a problem, writes nothing, and serves the next ones", async () => {
    // Inserts into projects wait behind this lock, so the request is surely mid-way when its connection dies.
    await locker.query('begin');
    await locker.query('lock table projects in share row exclusive mode');
    const pending = send(api.url, session, 'POST', '/api/projects', { json: project });
    await until(async () => ((await otherBackends()).some((b) => b.wait_event_type === 'Lock' && /projects/.test(b.query)) ? true : undefined));
    const killed = await db.query<{ ok: boolean }>('select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid not in (pg_backend_pid(), $1)', [lockerPid]);
    expect(killed.rows.length).toBeGreaterThan(0);
    await locker.query('rollback');
    const failed = await pending;
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toContain('application/problem+json');
    expect(((await failed.json()) as { code: string }).code).toBe('unavailable');
    const written = await db.query(`select 1 from projects where title = $1 union all select 1 from audit_log where action = 'projects.created'`, [project.title]);
    expect(written.rows).toEqual([]);

    // The pool replaces its dead connections: the next requests are served, and this one writes.
    expect((await send(api.url, session, 'GET', '/api/me')).status).toBe(200);
    const created = await send(api.url, session, 'POST', '/api/projects', { json: project });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
  });

  it('retries on another worker an export whose worker was killed mid-job, and builds and mails it once', async () => {
    const requested = await send(api.url, session, 'POST', '/api/me/exports');
    expect(requested.status, await requested.clone().text()).toBe(202);
    const exportId = ((await requested.json()) as { id: string }).id;

    // The first worker takes the job and stops at the export's row, which this test holds.
    await locker.query('begin');
    await locker.query('select 1 from data_exports where id = $1 for update', [exportId]);
    const first = await startMeshvault('worker', env);
    await until(async () => ((await otherBackends()).some((b) => b.wait_event_type === 'Lock' && /data_exports/.test(b.query)) ? true : undefined));
    const active = await db.query<{ id: string }>(`select id from pgboss.job where name = 'rights.export.v1' and state = 'active' and data->>'exportId' = $1`, [exportId]);
    expect(active.rows).toHaveLength(1);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await locker.query('rollback');

    // Another worker finds the job whose process died and runs it again.
    const second = await startMeshvault('worker', env);
    await second.printed((line) => line.includes('put back for retry'));
    await until(async () => {
      const row = await db.query<{ status: string }>('select status from data_exports where id = $1', [exportId]);
      const job = await db.query<{ state: string }>('select state from pgboss.job where id = $1', [active.rows[0]?.id]);
      return row.rows[0]?.status === 'ready' && job.rows[0]?.state === 'completed' ? true : undefined;
    });
    const built = await db.query(`select 1 from audit_log where action = 'rights.export_built' and target_id = $1`, [exportId]);
    expect(built.rows).toHaveLength(1);
    const mailed = await db.query(`select 1 from mail_outbox where kind = 'rights.export_ready' and to_address = 'faults@example.com'`);
    expect(mailed.rows).toHaveLength(1);
    const job = await db.query<{ retry_count: number }>('select retry_count from pgboss.job where id = $1', [active.rows[0]?.id]);
    expect(job.rows[0]?.retry_count).toBe(1);
  }, 120_000);
});
