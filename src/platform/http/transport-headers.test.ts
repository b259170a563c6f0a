import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createLogger } from '../log/index.js';
import { createHttpServer } from './server.js';

let app: TestApp;
beforeAll(async () => {
  // The default public URL: plain http, as on a LAN install reached by address.
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const bareServer = (publicUrl: string) => createHttpServer({ logger: createLogger('silent'), title: 't', version: '0', publicUrl });

describe('Cache-Control', () => {
  it('is no-store on every API answer and every problem, which carry personal data', async () => {
    const user = await signedIn(app, 'customer', 'cache@example.com');
    const me = await user.c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect((await app.http.inject({ method: 'GET', url: '/api/me' })).headers['cache-control']).toBe('no-store');
    expect((await app.http.inject({ method: 'GET', url: '/no-such-page.html' })).headers['cache-control']).toBe('no-store');
  });

  it('is left as a route set it', async () => {
    const server = await bareServer('http://localhost');
    server.get('/api/cacheable', async (_request, reply) => reply.header('cache-control', 'private, max-age=60').send({ ok: true }));
    expect((await server.inject({ method: 'GET', url: '/api/cacheable' })).headers['cache-control']).toBe('private, max-age=60');
    await server.close();
  });
});

describe('HSTS and upgrade-insecure-requests', () => {
  it('are not sent when the public URL is plain http (the browser would then load nothing)', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('are sent when the public URL is https', async () => {
    const server = await bareServer('https://portal.example.com');
    const res = await server.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    await server.close();
  });
});
