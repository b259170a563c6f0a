import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from './test-support/builders.js';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/**
 * Forged requests are refused without a CSRF cookie: a signed-in unsafe request needs its session's
 * token (read from the server, never a cookie), and every unsafe request the browser marks as coming
 * from another site is refused, signed in or not.
 */
let app: TestApp;
let user: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  user = await signedIn(app);
});
afterAll(async () => app?.dispose());

const cookieOf = (u: TestUser) => [...u.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('cross-site requests', () => {
  it('gives a signed-in page its token, and nobody else one', async () => {
    const mine = await app.http.inject({ method: 'GET', url: '/api/session/csrf-token', headers: { cookie: cookieOf(user) } });
    expect(mine.json<{ token: string }>().token).toMatch(/^[\w-]{20,}$/);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.headers['set-cookie']).toBeUndefined();
    const anonymous = await app.http.inject({ method: 'GET', url: '/api/session/csrf-token' });
    expect(anonymous.json()).toEqual({ token: null });
  });

  it('refuses a signed-in change without the token, or with another session’s token', async () => {
    const other = await signedIn(app);
    const othersToken = (await other.c.csrfToken()) ?? '';
    for (const token of [undefined, othersToken]) {
      const res = await app.http.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: cookieOf(user), ...(token ? { 'x-csrf-token': token } : {}) }, payload: { name: 'Forged' } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'csrf' });
    }
    const own = await app.http.inject({ method: 'PATCH', url: '/api/me', headers: { cookie: cookieOf(user), 'x-csrf-token': (await user.c.csrfToken()) ?? '' }, payload: { name: 'Mine' } });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('refuses unsafe requests the browser says come from another site, even without a session', async () => {
    const body = { email: 'someone@cross-site.test', password: 'whatever password' };
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }]) {
      const res = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', headers, payload: body });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json()).toMatchObject({ reason: 'cross_site' });
    }
    const publicOrigin = new URL(app.config.publicUrl).origin;
    for (const headers of [{ 'sec-fetch-site': 'same-origin' }, { origin: publicOrigin }, {}]) {
      const res = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', headers, payload: body });
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
    }
  });
});
