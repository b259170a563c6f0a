import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestVariant } from '../privacy/test-manifests.js';
import { signedIn } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * The server forgets a session when the policy says its cookie ends, not later: a token copied from
 * a browser that was told to drop it after a day is worth nothing on the second.
 */
let app: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_SESSION_DAYS: '30' });
  await putPolicyInForce(
    app,
    manifestVariant((doc) => {
      const cookie = (doc.cookies as Array<{ name?: string; lifetime?: string }>).find((c) => c.name === 'mv_session');
      if (cookie) cookie.lifetime = 'P1D';
    }),
  );
});
afterAll(async () => app?.dispose());

const sessionSpan = async (userId: string) => {
  const row = await app.db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return new Date(row.expires_at).getTime() - new Date(row.created_at).getTime();
};

describe('a session under a policy whose session cookie lives one day', () => {
  it('ends on the server when the cookie does, and is refused after it', async () => {
    const ada = await signedIn(app, 'customer', 'ada@example.com');
    expect(Math.abs((await sessionSpan(ada.id)) - DAY)).toBeLessThan(1000);
    expect((await ada.c.get('/api/me')).statusCode).toBe(200);
    app.clock.advance(DAY + 60_000);
    expect((await ada.c.get('/api/me')).statusCode).toBe(401);
  });
});
