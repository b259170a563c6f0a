import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../unit-of-work/index.js';
import { createLogger } from '../log/index.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createHttpServer, type HttpServerOptions } from './server.js';

const password = 'correct horse battery staple';
let plain: TestApp;
let behindProxy: TestApp;
beforeAll(async () => {
  plain = await createTestApp();
  behindProxy = await createTestApp({ MESHVAULT_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
}, 120_000);
afterAll(async () => Promise.all([plain?.dispose(), behindProxy?.dispose()]));

/** Signs in over HTTP from `remoteAddress`, claiming `forwardedFor`; returns the address the session recorded. */
async function sessionAddress(app: TestApp, email: string, remoteAddress: string, forwardedFor: string) {
  const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email, name: 'Proxy Person', password, role: 'customer' }, { requestId: 'test' });
  const res = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress, headers: { 'x-forwarded-for': forwardedFor }, payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const row = await app.db.selectFrom('sessions').select('ip').where('user_id', '=', id).executeTakeFirstOrThrow();
  return row.ip;
}

describe('X-Forwarded-For', () => {
  it('is ignored by default: a client cannot choose the address its session and rate limits use', async () => {
    expect(await sessionAddress(plain, 'spoof@example.com', '127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
  });

  it('names the client when it comes from a proxy the operator listed, and only then', async () => {
    expect(await sessionAddress(behindProxy, 'proxied@example.com', '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(await sessionAddress(behindProxy, 'lan@example.com', '10.1.2.3', '203.0.113.10')).toBe('203.0.113.10');
    expect(await sessionAddress(behindProxy, 'direct@example.com', '192.0.2.50', '203.0.113.11')).toBe('192.0.2.50');
  });

  it('with a hop count, is believed that many hops deep', async () => {
    const options: HttpServerOptions = { logger: createLogger('silent'), title: 't', version: '0', publicUrl: 'http://localhost', trustProxy: 1 };
    const server = await createHttpServer(options);
    server.get('/ip', async (request) => ({ ip: request.ip }));
    const res = await server.inject({ method: 'GET', url: '/ip', remoteAddress: '192.0.2.1', headers: { 'x-forwarded-for': '203.0.113.5, 198.51.100.7' } });
    expect(res.json()).toEqual({ ip: '198.51.100.7' });
    await server.close();
  });
});
