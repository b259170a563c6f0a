/**
 * Issue 17's figure: licence validations per second through the real desktop route (validate-key
 * with a fingerprint scope, on the real database), beside a Fastify hello-world measured the same
 * way (in-process `inject`, same concurrency) in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { CLI_ACTOR } from '../src/platform/unit-of-work/index.js';
import { putPolicyInForce } from '../src/test-support/policy-in-force.js';
import { createTestApp } from '../src/test-support/test-app.js';
import { benchRow, type BenchRow } from './bench-row.js';

const CONCURRENCY = 8;
const REQUESTS = 4000;
const ctx = { requestId: 'bench' };

/** Requests per second for `REQUESTS` injections at `CONCURRENCY`; each from its own address, as many apps would be. */
async function throughput(server: Pick<FastifyInstance, 'inject'>, request: { method: 'GET' | 'POST'; url: string; payload?: object }): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const res = await server.inject({ ...request, remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
      if (res.statusCode !== 200) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return REQUESTS / ((performance.now() - started) / 1000);
}

export default async function (): Promise<BenchRow[]> {
  const app = await createTestApp();
  const hello = Fastify();
  hello.get('/hello', async () => ({ hello: 'world' }));
  await hello.ready();
  try {
    await putPolicyInForce(app, readFileSync(join(import.meta.dirname, '..', 'examples', 'manifests', '003-desktop-software.yaml'), 'utf8'));
    const { id: adminId } = await app.services.accounts.createUser(CLI_ACTOR, { email: 'bench-admin@example.test', name: 'Bench Admin', password: 'bench password 1234', role: 'admin' }, ctx);
    await app.services.accounts.createUser(CLI_ACTOR, { email: 'bench-customer@example.test', name: 'Bench Customer', password: 'bench password 1234', role: 'customer' }, ctx);
    const admin = { userId: adminId, sessionId: 'bench', role: 'admin' as const };
    const { id: productId } = await app.services.licensing.createProduct(admin, { code: 'bench-app', name: 'Bench app' }, ctx);
    const policy = { productId, name: 'Bench', maxMachines: 5, floating: true, requireHeartbeat: true, heartbeatSeconds: 3600, offlineAllowed: false, fileTtlSeconds: 86_400 };
    const { id: policyId } = await app.services.licensing.createPolicy(admin, policy, ctx);
    const { key } = await app.services.licensing.issueLicence(admin, { policyId, ownerEmail: 'bench-customer@example.test' }, ctx);
    await app.services.licensing.activateMachine({ kind: 'licence', key }, { fingerprint: 'bench-machine-0001' }, ctx);
    const validate = { method: 'POST' as const, url: '/api/desktop/v1/licenses/actions/validate-key', payload: { key, scope: { fingerprint: 'bench-machine-0001', product: 'bench-app' } } };
    // Warm both up (JIT, prepared plans) before measuring.
    await throughput(app.http, validate);
    await throughput(hello, { method: 'GET', url: '/hello' });
    const validations = await throughput(app.http, validate);
    const hellos = await throughput(hello, { method: 'GET', url: '/hello' });
    const db = app.database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
    return [benchRow(`licence validations (validate-key, fingerprint + product scope), ${db}`, validations, '/s', `Fastify hello-world, inject, concurrency ${CONCURRENCY}`, hellos, 'reported; no goal stated')];
  } finally {
    await hello.close();
    await app.dispose();
  }
}
