import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { wrongToken } from '../../test-support/wrong-token.js';
import { publishedMug, putConfiguratorInForce, staffWithModels } from './configurator-test-support.js';

/**
 * A share link shows a customer's confidential configuration to whoever holds it: every open is
 * recorded and audited (which link, which object, when), its owner sees them, and nothing about the
 * visitor is kept. Opens that show nothing (a wrong token, a revoked link, a model the product does
 * not draw) record nothing.
 */
let app: TestApp;
let ada: TestUser;
let bob: TestUser;
let productId: string;
let handle: string;

const VISITOR_AGENT = 'VisitorBrowser/9.9 (distinctive-agent-string)';
type Share = { id: string; token: string; opens: number; lastOpenedAt: string | null };

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putConfiguratorInForce(app);
  const made = await staffWithModels(app);
  handle = made.handle;
  productId = await publishedMug(made.staff, made.mug, made.handle);
  ada = await signedIn(app, 'customer', 'ada@customer.test');
  bob = await signedIn(app, 'customer', 'bob@customer.test');
}, 120_000);
afterAll(async () => app?.dispose());

async function sharedConfiguration(owner: TestUser) {
  const saved = await owner.c.post('/api/configurations', { productId, name: 'Shared mug', selections: { material: 'steel', engraving: 'Ada' } });
  expect(saved.statusCode, saved.body).toBe(201);
  const id = saved.json<{ id: string }>().id;
  const created = await owner.c.post(`/api/configurations/${id}/shares`);
  expect(created.statusCode, created.body).toBe(201);
  return { id, share: created.json<Share>() };
}

const sharesOf = async (owner: TestUser, configurationId: string) => (await owner.c.get(`/api/configurations/${configurationId}/shares`)).json<{ shares: Share[] }>().shares;
const opensRows = (shareId: string) => app.db.selectFrom('configuration_share_opens').selectAll().where('share_id', '=', shareId).execute();

describe('share link opens', () => {
  it('are recorded and audited, each with its link, object and time, and shown to the link owner', async () => {
    const { id, share } = await sharedConfiguration(ada);
    expect(share).toMatchObject({ opens: 0, lastOpenedAt: null });

    const visitor = createClient(app, VISITOR_AGENT);
    expect((await visitor.get(`/api/shared/configurations/${share.token}`)).statusCode).toBe(200);
    expect((await visitor.get(`/api/shared/configurations/${share.token}/models/${handle}`)).statusCode).toBe(200);

    const [listed] = await sharesOf(ada, id);
    // The count is of the page's opens; each model it loads is listed too.
    expect(listed).toMatchObject({ id: share.id, opens: 1 });
    expect(listed!.lastOpenedAt).not.toBeNull();
    const opens = await ada.c.get(`/api/configurations/${id}/shares/${share.id}/opens`);
    expect(opens.statusCode, opens.body).toBe(200);
    expect(opens.json<{ opens: unknown[] }>().opens).toEqual([
      { object: 'model', fileId: handle, openedAt: expect.any(String) as unknown },
      { object: 'configuration', fileId: null, openedAt: expect.any(String) as unknown },
    ]);

    // The audit names the link, the owner whose data was seen, the object and when; the actor is a visitor nobody knows.
    const audited = await auditEntries(app, 'configurator.share_opened', share.id);
    expect(audited).toHaveLength(2);
    expect(audited.map((a) => a.details)).toEqual([
      { configurationId: id, object: 'configuration' },
      { configurationId: id, object: 'model', fileId: handle },
    ]);
    for (const entry of audited) expect(entry).toMatchObject({ subject_id: ada.id, actor_id: null, actor_role: 'visitor', target_type: 'configuration_share' });

    // Nothing about the visitor: not their address, not their browser.
    const kept = JSON.stringify([audited, await opensRows(share.id)]);
    expect(kept).not.toContain('127.0.0.1');
    expect(kept).not.toContain('distinctive-agent-string');
  });

  it('record nothing when the link shows nothing, and are only their owner to see', async () => {
    const { id, share } = await sharedConfiguration(ada);
    const visitor = createClient(app, VISITOR_AGENT);
    const wrong = wrongToken(share.token);
    expect((await visitor.get(`/api/shared/configurations/${wrong}`)).statusCode).toBe(404);
    expect((await visitor.get(`/api/shared/configurations/${share.token}/models/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await visitor.get('/api/shared/configurations/not-a-token')).statusCode).toBe(404);
    expect(await opensRows(share.id)).toEqual([]);

    expect((await ada.c.delete(`/api/configurations/${id}/shares/${share.id}`)).statusCode).toBe(200);
    expect((await visitor.get(`/api/shared/configurations/${share.token}`)).statusCode).toBe(404);
    expect(await opensRows(share.id)).toEqual([]);
    expect(await auditEntries(app, 'configurator.share_opened', share.id)).toEqual([]);

    // Another customer cannot see them; the owner still can, revoked or not.
    expect((await bob.c.get(`/api/configurations/${id}/shares/${share.id}/opens`)).statusCode).toBe(404);
    expect((await ada.c.get(`/api/configurations/${id}/shares/${crypto.randomUUID()}/opens`)).statusCode).toBe(404);
    expect((await ada.c.get(`/api/configurations/${id}/shares/${share.id}/opens`)).json()).toEqual({ opens: [] });
  });
});
