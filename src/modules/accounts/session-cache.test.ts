/**
 * Issue #12: a process keeps the sessions it authenticated, but never serves one that ended or whose
 * account changed, whoever ended or changed it: this process, another one (a write to the shared
 * database, as another API process makes), or another module. Counts of statements, not timings.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createSessionCache } from './session-cache.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const password = 'correct horse battery staple';

async function account(email: string) {
  const c = createClient(app);
  expect((await c.post('/api/auth/sign-up', { name: 'Ada Example', email, password, ageConfirmed: true, policy: await policyShown(app) })).statusCode).toBe(201);
  expect((await c.post('/api/auth/verify-email', { token: (await latestMailTo(app, email)).token })).statusCode).toBe(200);
  return c;
}

async function signedIn(email: string) {
  const c = createClient(app);
  expect((await c.post('/api/auth/sign-in', { email, password })).statusCode).toBe(200);
  return c;
}

const sessionsRead = async (act: () => Promise<unknown>) => {
  await app.services.policy.current();
  return (await app.queries.during(act)).queries;
};

describe('the per-process session cache (issue #12)', () => {
  it('serves a kept session with one query of the change counter instead of the session and account', async () => {
    await account('kept@example.com');
    const c = await signedIn('kept@example.com');
    const first = await sessionsRead(() => c.get('/api/me/sessions'));
    const again = await sessionsRead(() => c.get('/api/me/sessions'));
    // The same route both times: the second reads the counter (1) where the first read the session (1).
    expect(again).toBe(first);
    expect((await c.get('/api/me')).json()).toMatchObject({ email: 'kept@example.com' });
  });

  it('refuses a kept session at once after it is signed out, or ended from another session', async () => {
    await account('ends@example.com');
    const a = await signedIn('ends@example.com');
    const b = await signedIn('ends@example.com');
    expect((await a.get('/api/me')).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(200);
    expect((await b.post('/api/me/sessions/revoke-others', {})).statusCode).toBe(200);
    expect((await a.get('/api/me')).statusCode).toBe(401);
    expect((await b.post('/api/auth/sign-out', {})).statusCode).toBe(200);
    expect((await b.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a kept session revoked by a write of another process to the database, and shows an account changed there', async () => {
    await account('elsewhere@example.com');
    const c = await signedIn('elsewhere@example.com');
    expect((await c.get('/api/me')).json()).toMatchObject({ name: 'Ada Example' });
    // What another API process (or another module) does: a statement on the shared tables.
    await sql`update users set name = 'Ada Elsewhere' where email = 'elsewhere@example.com'`.execute(app.db);
    expect((await c.get('/api/me')).json()).toMatchObject({ name: 'Ada Elsewhere' });
    await sql`update sessions set revoked_at = now() where user_id = (select id from users where email = 'elsewhere@example.com')`.execute(app.db);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a kept session once it expires, without any change to the database', async () => {
    await account('expires@example.com');
    const c = await signedIn('expires@example.com');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    app.clock.advance(app.config.auth.sessionDays * 86_400_000 + 1000);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('answers each request from a version query that started after the request: one shared by all that waited', async () => {
    const versions = new Map([['ada', 0], ['bo', 0]]);
    const started: Array<{ userIds: readonly string[]; answer: () => void }> = [];
    // A query sees the versions as of its start, as a statement's snapshot does.
    const cache = createSessionCache((userIds) => {
      const seen = new Map(userIds.flatMap((id) => (versions.has(id) ? [[id, String(versions.get(id))] as const] : [])));
      return new Promise((resolve) => started.push({ userIds, answer: () => resolve(seen) }));
    });
    // A few turns of the event loop: enough for a query that may start to have started.
    const turn = async () => {
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    };
    const early = cache.currentVersion('ada');
    await turn();
    expect(started).toHaveLength(1);
    versions.set('ada', 1); // a change commits while the first query is under way
    versions.delete('bo'); // and an account is deleted
    const late = [cache.currentVersion('ada'), cache.currentVersion('bo'), cache.currentVersion('ada')];
    await turn();
    expect(started).toHaveLength(1);
    started[0]!.answer();
    expect(await early).toBe('0');
    await turn();
    expect(started).toHaveLength(2);
    expect(started[1]!.userIds).toEqual(['ada', 'bo']);
    started[1]!.answer();
    expect(await Promise.all(late)).toEqual(['1', undefined, '1']);
  });

  it('shares one version query among the requests that arrive in one turn of the event loop, none started before them', async () => {
    let version = 0;
    const reads: Array<readonly string[]> = [];
    const cache = createSessionCache(async (userIds) => {
      reads.push(userIds);
      return new Map(userIds.map((id) => [id, String(version)] as const));
    });
    const together = ['ada', 'bo', 'ada', 'cy'].map((id) => cache.currentVersion(id));
    version = 1; // a change that commits after the requests arrived but before their query: they see it
    expect(await Promise.all(together)).toEqual(['1', '1', '1', '1']);
    expect(reads).toEqual([['ada', 'bo', 'cy']]);
    expect(await cache.currentVersion('ada')).toBe('1');
    expect(reads).toHaveLength(2);
  });

  it('gives the requests of a failed version query its error, and the next request a query of its own', async () => {
    let fail = true;
    const cache = createSessionCache(async (userIds) => {
      if (fail) throw new Error('database gone');
      return new Map(userIds.map((id) => [id, '7'] as const));
    });
    await expect(Promise.all([cache.currentVersion('ada'), cache.currentVersion('bo')])).rejects.toThrow('database gone');
    fail = false;
    expect(await cache.currentVersion('ada')).toBe('7');
  });

  it('keeps serving the sessions of other accounts when one account changes', async () => {
    await account('stays@example.com');
    await account('changes@example.com');
    const stays = await signedIn('stays@example.com');
    const changes = await signedIn('changes@example.com');
    expect((await stays.get('/api/me')).statusCode).toBe(200);
    expect((await changes.get('/api/me')).statusCode).toBe(200);
    await sql`update users set name = 'Changed Example' where email = 'changes@example.com'`.execute(app.db);
    // The unchanged account is served from memory (the version query alone); the changed one is read again.
    const kept = await sessionsRead(() => stays.get('/api/me/sessions'));
    const reread = await sessionsRead(() => changes.get('/api/me/sessions'));
    expect(reread).toBe(kept + 1);
    expect((await changes.get('/api/me')).json()).toMatchObject({ name: 'Changed Example' });
  });
});
