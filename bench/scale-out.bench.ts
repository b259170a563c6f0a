/**
 * `GET /api/me` through 1, 2 and 4 API processes (`meshvault serve --role api`, separate processes on one
 * PostgreSQL database), loaded by one closed-loop generator spreading its connections over them as a
 * load balancer would: throughput and latency percentiles per process count. Needs PostgreSQL
 * (MESHVAULT_TEST_DATABASE_URL); the figure means something only with as many free cores as processes.
 */
import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from '../src/platform/config/index.js';
import { adminQuery, databaseUrl } from '../src/test-support/database-snapshot.js';
import { SESSION_COOKIE } from '../src/modules/accounts/index.js';
import { startMeshvault, stopAllMeshvault, type MeshvaultProcess } from '../test/multi-process/processes.js';
import { benchRow, type BenchRow } from './bench-row.js';
import { measureHttpLoad } from './http-load.js';

const CONNECTIONS = 64;
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 5);
const COUNTS = [1, 2, 4];

/** A customer's session cookie, made through the API (sign-up, confirmation link from the outbox, sign-in). */
async function sessionCookie(url: string, dbUrl: string): Promise<string> {
  const { default: pg } = await import('pg');
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'correct horse battery';
  const policy = (await (await fetch(`${url}/privacy.json`)).json()) as { version: number; document_hash: string };
  await fetch(`${url}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', email, password, ageConfirmed: true, policy: { version: policy.version, hash: policy.document_hash, accepted: true } }),
  });
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const mail = await client.query<{ body_text: string }>('select body_text from mail_outbox where to_address = $1', [email]).finally(() => client.end());
  const token = /\?token=([\w%-]+)/.exec(mail.rows[0]?.body_text ?? '')?.[1] ?? '';
  await fetch(`${url}/api/auth/verify-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: decodeURIComponent(token) }) });
  const signIn = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in answered ${signIn.status}`);
  return cookie.split(';')[0] ?? '';
}

export default async function (): Promise<BenchRow[]> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) {
    console.log('scale-out bench skipped: set MESHVAULT_TEST_DATABASE_URL to a PostgreSQL server (PGlite is one process)');
    return [];
  }
  const name = `mv_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const env = { MESHVAULT_DATABASE_URL: databaseUrl(adminUrl, name), MESHVAULT_MASTER_KEY: randomBytes(32).toString('base64'), MESHVAULT_LOG_LEVEL: 'warn' };
  const processes: MeshvaultProcess[] = [];
  try {
    processes.push(await startMeshvault('api', env)); // the first one migrates and publishes the policy
    processes.push(...(await Promise.all(Array.from({ length: Math.max(...COUNTS) - 1 }, () => startMeshvault('api', env)))));
    const cookie = await sessionCookie(processes[0]?.url ?? '', env.MESHVAULT_DATABASE_URL);
    const results = [];
    for (const count of COUNTS) {
      const urls = processes.slice(0, count).map((p) => `${p.url}/api/me`);
      const result = await measureHttpLoad({ url: urls[0] ?? '', urls, headers: { cookie, 'user-agent': 'meshvault-bench' }, connections: CONNECTIONS, seconds: SECONDS });
      if (result.failures > 0) throw new Error(`${result.failures} of the /api/me requests to ${count} processes failed`);
      console.log(`GET /api/me, ${count} API process(es), ${CONNECTIONS} connections: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`);
      results.push({ count, ...result });
    }
    const single = results[0]?.perSecond ?? null;
    return results.flatMap((r) => [
      benchRow(`GET /api/me, ${r.count} API process(es), PostgreSQL`, r.perSecond, 'req/s', '1 API process', r.count === 1 ? null : single, r.count === 1 ? 'reference' : `ratio ≥ ${(0.7 * r.count).toFixed(1)} with ${r.count} free cores`),
      benchRow(`GET /api/me, ${r.count} API process(es): p99 latency`, r.p99Ms, 'ms', `p50 ${r.p50Ms.toFixed(1)} ms`, null, 'none set'),
    ]);
  } finally {
    await stopAllMeshvault();
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
}
