import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { publishedMug, putConfiguratorInForce, staffWithModels } from './configurator-test-support.js';

const DAY = 86_400_000;
let app: TestApp;
let cara: TestUser;
let dan: TestUser;
let productId: string;

async function configure(user: TestUser, name: string) {
  const saved = await user.c.post('/api/configurations', { productId, name, selections: { material: 'steel', engraving: name.slice(0, 12) } });
  expect(saved.statusCode, saved.body).toBe(201);
  const id = saved.json<{ id: string }>().id;
  const share = await user.c.post(`/api/configurations/${id}/shares`);
  expect(share.statusCode).toBe(201);
  return { id, token: share.json<{ token: string }>().token };
}

const rowsOf = async (user: TestUser) => ({
  configurations: await app.db.selectFrom('configurations').select('id').where('customer_id', '=', user.id).execute(),
  shares: await app.db.selectFrom('configuration_shares').select('id').where('customer_id', '=', user.id).execute(),
});

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putConfiguratorInForce(app);
  const { staff, mug, handle } = await staffWithModels(app);
  productId = await publishedMug(staff, mug, handle);
  cara = await signedIn(app, 'customer', 'cara@example.com');
  dan = await signedIn(app, 'customer', 'dan@example.com');
}, 90_000);
afterAll(async () => app?.dispose());

describe('configurations and the data rights', () => {
  it('are in the person’s export, share links without their token hash', async () => {
    const { token } = await configure(cara, 'Cara mug');
    await configure(dan, 'Dan mug');
    const res = await cara.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    const exportId = res.json<{ id: string }>().id;
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: cara.email });
    const exportToken = /\/account\/exports\/[\w-]+\?token=([\w.-]+)/.exec(message?.body_text ?? '')?.[1];
    const download = await cara.c.get(`/api/exports/${exportId}/download?token=${exportToken}`);
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    const configurations = zip.get('tables/configurations.csv')?.toString() ?? '';
    expect(configurations).toContain('Cara mug');
    expect(configurations).not.toContain('Dan mug');
    const shares = zip.get('tables/configuration_shares.csv')?.toString() ?? '';
    expect(shares).not.toBe('');
    expect(shares).not.toContain('token_hash');
    expect(shares).not.toContain(token);
  });

  it('are erased with the person, and their shared links stop answering', async () => {
    const { token } = await configure(cara, 'Second mug');
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, cara.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await rowsOf(cara)).toEqual({ configurations: [], shares: [] });
    expect((await app.http.inject({ method: 'GET', url: `/api/shared/configurations/${token}` })).statusCode).toBe(404);
    expect((await rowsOf(dan)).configurations).toHaveLength(1);
  });

  it('are deleted once the manifest’s period since they last changed has run', async () => {
    const rule = (await app.services.policy.current()).manifest.retention.find((r) => r.categories.includes('configuration'));
    expect(rule).toBeDefined();
    const before = (await app.services.retention.planRetention()).items.filter((i) => i.table === 'configurations');
    expect(before).toEqual([]);
    const old = new Date(app.clock.now().getTime() - 3 * 366 * DAY);
    await app.db.updateTable('configurations').set({ updated_at: old }).where('customer_id', '=', dan.id).execute();
    await app.db.updateTable('configuration_shares').set({ created_at: old }).where('customer_id', '=', dan.id).execute();
    const plan = await app.services.retention.planRetention();
    // Every category of the row runs two years from its last change here; the plan names the rule that ends it.
    expect(plan.items.filter((i) => i.table === 'configurations').map((i) => i.rows)).toEqual([1]);
    expect(plan.items.filter((i) => i.table === 'configuration_shares').map((i) => i.rows)).toEqual([1]);
    await app.services.retention.runRetention();
    expect(await rowsOf(dan)).toEqual({ configurations: [], shares: [] });
  });
});
