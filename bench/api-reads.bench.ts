/**
 * `GET /api/me` throughput with 50 keep-alive connections (a signed-in session, the real app on its
 * database: PostgreSQL when MESHVAULT_TEST_DATABASE_URL is set, else PGlite), beside a Fastify
 * hello-world in the same process measured by the same load generator in the same run.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { SESSION_COOKIE } from '../src/modules/accounts/index.js';
import { signedIn } from '../src/test-support/builders.js';
import { createTestApp } from '../src/test-support/test-app.js';
import { testDatabaseTarget } from '../src/test-support/test-database.js';
import { benchRow, type BenchRow } from './bench-row.js';
import { measureHttpLoad } from './http-load.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 5);

async function helloWorld(): Promise<number> {
  const hello = Fastify();
  hello.get('/', async () => ({ hello: 'world' }));
  await hello.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = hello.server.address() as AddressInfo;
    return (await measureHttpLoad({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, seconds: SECONDS })).perSecond;
  } finally {
    await hello.close();
  }
}

async function meThroughput(): Promise<{ perSecond: number; p99Ms: number }> {
  const app = await createTestApp({ MESHVAULT_LOG_LEVEL: 'warn' });
  try {
    const user = await signedIn(app);
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const headers = { cookie: `${SESSION_COOKIE}=${user.c.cookies.get(SESSION_COOKIE)}`, 'user-agent': 'meshvault-bench' };
    const result = await measureHttpLoad({ url: `http://127.0.0.1:${port}/api/me`, headers, connections: CONNECTIONS, seconds: SECONDS });
    if (result.failures > 0) throw new Error(`${result.failures} of the /api/me requests failed`);
    return result;
  } finally {
    await app.dispose();
  }
}

export default async function (): Promise<BenchRow[]> {
  const me = await meThroughput();
  const hello = await helloWorld();
  const db = testDatabaseTarget() ? 'PostgreSQL' : 'PGlite';
  console.log(`GET /api/me, ${CONNECTIONS} connections, ${db}: ${me.perSecond.toFixed(0)} req/s (p99 ${me.p99Ms.toFixed(1)} ms) | Fastify hello-world: ${hello.toFixed(0)} req/s | ratio ${(me.perSecond / hello).toFixed(3)}`);
  return [benchRow(`GET /api/me, ${CONNECTIONS} connections, ${db}`, me.perSecond, 'req/s', 'Fastify hello-world, same load generator', hello, 'ratio ≥ 0.2')];
}
