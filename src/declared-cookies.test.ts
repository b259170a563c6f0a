import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { signedIn, TEST_PASSWORD } from './test-support/builders.js';
import { createClient, latestMailTo, policyShown } from './test-support/http-client.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';
import { manifestVariant } from './modules/privacy/test-manifests.js';

/**
 * Every cookie the server sets is declared in the policy in force, with the lifetime it states:
 * `session` sets neither Max-Age nor Expires (the cookie ends when the browser closes), a duration
 * sets that Max-Age. Walked over sign-up, sign-in, the policy pages and signing out.
 */
type SetCookie = { name: string; value: string; maxAge?: number; expires?: string };

function setCookiesOf(res: LightMyRequestResponse): SetCookie[] {
  const raw = res.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return lines.map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const [name = '', ...value] = pair.split('=');
    const cookie: SetCookie = { name, value: value.join('=') };
    for (const attribute of attributes) {
      const [key = '', ...rest] = attribute.split('=');
      if (key.toLowerCase() === 'max-age') cookie.maxAge = Number(rest.join('='));
      if (key.toLowerCase() === 'expires') cookie.expires = rest.join('=');
    }
    return cookie;
  });
}

/** A removal (sign-out) sets an empty value that has already expired; it sets nothing that lives. */
const isRemoval = (c: SetCookie) => c.value === '' || c.maxAge === 0 || (c.expires !== undefined && Date.parse(c.expires) < Date.now());

async function walk(app: TestApp): Promise<SetCookie[]> {
  const seen: SetCookie[] = [];
  const c = createClient(app);
  const keep = async (res: Promise<LightMyRequestResponse>) => {
    const answer = await res;
    seen.push(...setCookiesOf(answer));
    return answer;
  };
  await keep(c.get('/privacy'));
  await keep(c.get('/privacy.json'));
  await keep(c.get('/healthz'));
  const email = `walker-${Date.now()}@cookies.test`;
  expect((await keep(c.post('/api/auth/sign-up', { name: 'Walker', email, password: TEST_PASSWORD, ageConfirmed: true, policy: await policyShown(app) }))).statusCode).toBe(201);
  const { token } = await latestMailTo(app, email);
  await keep(c.post('/api/auth/verify-email', { token }));
  expect((await keep(c.post('/api/auth/sign-in', { email, password: TEST_PASSWORD }))).statusCode).toBe(200);
  await keep(c.get('/api/me'));
  await keep(c.get('/api/session/csrf-token'));
  expect((await keep(c.patch('/api/me', { name: 'Walker Two' }))).statusCode).toBe(200);
  await keep(c.get('/privacy'));
  await keep(c.get('/privacy/history'));
  expect((await keep(c.post('/api/auth/sign-out'))).statusCode).toBe(200);
  return seen;
}

async function expectDeclared(app: TestApp, seen: SetCookie[]) {
  const { manifest } = await app.services.policy.current();
  const live = seen.filter((c) => !isRemoval(c));
  expect(live.length, 'the walk signs in, so the session cookie is set at least once').toBeGreaterThan(0);
  for (const cookie of seen) {
    const declared = (manifest.cookies ?? []).find((d) => d.name === cookie.name);
    expect(declared, `${cookie.name} is set but the policy in force does not declare it`).toBeDefined();
    if (!declared || isRemoval(cookie)) continue;
    if (declared.lifetime === 'session') {
      expect(cookie.maxAge, `${cookie.name} must end with the browser session`).toBeUndefined();
      expect(cookie.expires, `${cookie.name} must end with the browser session`).toBeUndefined();
    } else {
      const { years, months, days } = declared.lifetime;
      expect(years * 12 + months, 'these manifests state cookie lifetimes in days').toBe(0);
      expect(cookie.maxAge, `${cookie.name} lives as long as the policy states`).toBe(days * 86_400);
    }
  }
}

let app: TestApp | undefined;
afterEach(async () => {
  await app?.dispose();
  app = undefined;
});

describe('cookies the server sets', () => {
  it('under the default manifest: only declared cookies, each with its declared lifetime (mv_session P30D)', async () => {
    app = await createTestApp();
    const seen = await walk(app);
    await expectDeclared(app, seen);
    expect(seen.find((c) => c.name === 'mv_session' && !isRemoval(c))?.maxAge).toBe(30 * 86_400);
    expect(seen.map((c) => c.name)).not.toContain('mv_csrf');
  });

  it('under seed 001’s cookies: the session cookie has no Max-Age or Expires, and no undeclared CSRF cookie is set', async () => {
    app = await createTestApp();
    await app.startJobs(); // publishing queues the change notices
    const seed = parse(readFileSync(new URL('../examples/manifests/001-scanning-printing.yaml', import.meta.url), 'utf8')) as { cookies: Array<Record<string, unknown> & { name: string }> };
    const sessionCookie = seed.cookies.find((c) => c.name === 'mv_session');
    expect(sessionCookie?.lifetime).toBe('session');
    const yaml = manifestVariant((doc) => {
      // 001 declares mv_session for the browser session only, and no mv_csrf; its other cookies are not the server's.
      doc.cookies = [{ ...sessionCookie, categories: ['technical.cookie_id'] }];
    });
    const officer = (await signedIn(app, 'privacy_officer')).c;
    const published = await officer.post('/api/privacy/manifest/publish', { yaml });
    expect(published.statusCode, published.body).toBe(201);
    const seen = await walk(app);
    await expectDeclared(app, seen);
    const session = seen.find((c) => c.name === 'mv_session' && !isRemoval(c));
    expect(session).toBeDefined();
    expect(session?.maxAge).toBeUndefined();
  });

  it('sets no session cookie when the policy in force declares none: signing in is refused and says why', async () => {
    app = await createTestApp();
    await app.startJobs(); // publishing queues the change notices
    const officer = (await signedIn(app, 'privacy_officer')).c;
    const published = await officer.post('/api/privacy/manifest/publish', { yaml: manifestVariant((doc) => void (doc.cookies = [])) });
    expect(published.statusCode, published.body).toBe(201);
    const user = await signedIn(app);
    const res = await createClient(app).post('/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(503);
    expect(res.json<{ detail: string }>().detail).toContain('declares no "mv_session" cookie');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
