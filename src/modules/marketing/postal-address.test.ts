/**
 * Opting in to marketing by post asks a postal address (the policy offers post and declares postal
 * addresses): the mailing list carries it, the person's export holds it, erasure removes it, every
 * change is audited, and opting out of everything by post drops it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { createClient, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { choice, choose, marketingManifestPath } from './marketing-test-support.js';

let app: TestApp;
let staff: TestUser;
const address = { line1: '1 Dock Street', line2: null, postalCode: 'L-1234', city: 'Luxembourg', region: null, country: 'LU' };

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_MANIFEST: marketingManifestPath(), MESHVAULT_PUBLIC_URL: 'https://shop.example' });
  await app.startJobs();
  staff = await signedIn(app, 'marketing');
}, 120_000);

afterAll(async () => app?.dispose());

const addressRows = (userId: string) => app.db.selectFrom('marketing_postal_addresses').selectAll().where('user_id', '=', userId).execute();
const audited = async (action: string, subjectId: string) => (await app.db.selectFrom('audit_log').select('action').where('action', '=', action).where('subject_id', '=', subjectId).execute()).length;

async function postList() {
  const id = (await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'product_news', channel: 'post', subject: 'Catalogue', bodyMarkdown: 'Our catalogue.' })).json<{ id: string }>().id;
  const res = await staff.c.get(`/api/marketing/campaigns/${id}/contacts.csv`);
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

describe('postal addresses for marketing by post', () => {
  it('asks an address of someone opting in by post, refuses the opt-in without one, and changes nothing then', async () => {
    const ann = await signedIn(app, 'customer', 'ann@example.com');
    const before = (await ann.c.get('/api/me/marketing')).json<{ asksPostalAddress: boolean; postalAddress: unknown }>();
    expect(before).toMatchObject({ asksPostalAddress: true, postalAddress: null });
    const refused = await ann.c.put('/api/me/marketing', { choices: [choice('product_news', 'post')] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ detail: string }>().detail).toMatch(/postal address/);
    expect((await ann.c.get('/api/me/marketing')).json<{ choices: Array<{ topic: string; channel: string; optedIn: boolean }> }>().choices.find((c) => c.channel === 'post' && c.topic === 'product_news')!.optedIn).toBe(false);
    expect(await addressRows(ann.id)).toEqual([]);

    const saved = await choose(ann, [choice('product_news', 'post')], { postalAddress: address });
    expect(saved.choices.find((c) => c.channel === 'post' && c.topic === 'product_news')!.optedIn).toBe(true);
    expect((await ann.c.get('/api/me/marketing')).json<{ postalAddress: unknown }>().postalAddress).toEqual(address);
    expect(await audited('marketing.postal_address_saved', ann.id)).toBe(1);
  });

  it('refuses the opt-in by post without an address whatever source the client names, and changes nothing', async () => {
    const amy = await signedIn(app, 'customer', 'amy@example.com');
    for (const source of ['sign_up', 'account_page', undefined]) {
      const refused = await amy.c.put('/api/me/marketing', { choices: [choice('product_news', 'post'), choice('newsletter', 'email')], ...(source ? { source } : {}) });
      expect(refused.statusCode, `${source}: ${refused.body}`).toBe(422);
      const problem = refused.json<{ detail: string; field: string }>();
      expect(problem.detail).toMatch(/postal address/);
      expect(problem.field).toBe('postalAddress');
    }
    expect(await app.db.selectFrom('consent_records').select('id').where('user_id', '=', amy.id).execute()).toEqual([]);
    expect(await addressRows(amy.id)).toEqual([]);
  });

  it('puts the address on the mailing list, and only people who gave one', async () => {
    const bob = await signedIn(app, 'customer', 'bob@example.com');
    // Opted in by post with an address that is gone since (as for a tick given before the policy asked
    // addresses): not on the list until an address is given.
    await choose(bob, [choice('product_news', 'post')], { postalAddress: address });
    await app.db.deleteFrom('marketing_postal_addresses').where('user_id', '=', bob.id).execute();
    const csv = await postList();
    expect(csv).toBe('name,company,email,address_line1,address_line2,postal_code,city,region,country\r\n"Person ann","","ann@example.com","1 Dock Street","","L-1234","Luxembourg","","LU"\r\n');
  });

  it('puts the address in the person’s export, and erases it with the account', async () => {
    const cat = await signedIn(app, 'customer', 'cat@example.com');
    await choose(cat, [choice('newsletter', 'post')], { postalAddress: { ...address, line1: '2 Cat Lane' } });
    const res = await cat.c.post('/api/me/exports');
    const exportId = res.json<{ id: string }>().id;
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: cat.email });
    const token = /\/account\/exports\/[\w-]+\?token=([\w.-]+)/.exec(message?.body_text ?? '')?.[1];
    const download = await cat.c.get(`/api/exports/${exportId}/download?token=${token}`);
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    expect(zip.get('tables/marketing_postal_addresses.csv')?.toString()).toContain('2 Cat Lane');
    expect(zip.get('tables/marketing_postal_addresses.csv')?.toString()).not.toContain('1 Dock Street');

    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, cat.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await addressRows(cat.id)).toEqual([]);
  });

  it('drops the address, audited, once the person is opted in to nothing by post', async () => {
    const dan = await signedIn(app, 'customer', 'dan@example.com');
    await choose(dan, [choice('newsletter', 'post'), choice('product_news', 'post')], { postalAddress: address });
    await choose(dan, [choice('newsletter', 'post', false)]);
    expect(await addressRows(dan.id)).toHaveLength(1);
    await choose(dan, [choice('product_news', 'post', false)]);
    expect(await addressRows(dan.id)).toEqual([]);
    expect(await audited('marketing.postal_address_removed', dan.id)).toBe(1);
  });

  it('refuses an address where the policy offers no post', async () => {
    const other = await createTestApp({});
    try {
      const eve = await signedIn(other, 'customer', 'eve@example.com');
      const res = await eve.c.put('/api/me/marketing', { choices: [], postalAddress: address });
      expect(res.statusCode).toBe(422);
      expect(await other.db.selectFrom('marketing_postal_addresses').selectAll().execute()).toEqual([]);
    } finally {
      await other.dispose();
    }
  });
});

describe('postal addresses on the sign-up form', () => {
  const byPost = [{ purpose: 'marketing', topic: 'product_news', channel: 'post' }];
  const signUp = async (email: string, extra: Record<string, unknown>) =>
    createClient(app).post('/api/auth/sign-up', { name: 'New Person', email, password: TEST_PASSWORD, ageConfirmed: true, policy: await policyShown(app), ...extra });
  const userId = async (email: string) => (await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())?.id;

  it('tells the form that ticking a post box asks the address', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/marketing/options' });
    expect(res.json<{ asksPostalAddress: boolean }>().asksPostalAddress).toBe(true);
  });

  it('stores the address with the post tick in the sign-up itself, audited, with the consent to mail by post', async () => {
    const res = await signUp('fay@example.com', { marketing: byPost, postalAddress: { ...address, line1: '6 Fay Road' } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const id = (await userId('fay@example.com'))!;
    expect(await addressRows(id)).toEqual([expect.objectContaining({ line1: '6 Fay Road', postal_code: 'L-1234', country: 'LU' })]);
    expect(await audited('marketing.postal_address_saved', id)).toBe(1);
    expect(await app.db.selectFrom('consent_records').select('scope').where('user_id', '=', id).where('decision', '=', 'given').execute()).toEqual([{ scope: 'marketing:marketing:product_news:post' }]);
  });

  it('refuses a post tick without an address, an address without a post tick, and a half address: no account is made', async () => {
    const without = await signUp('gil@example.com', { marketing: byPost });
    expect(without.statusCode).toBe(422);
    expect(without.json<{ detail: string }>().detail).toMatch(/postal address/);
    const unused = await signUp('gil@example.com', { marketing: [], postalAddress: address });
    expect(unused.statusCode).toBe(422);
    expect(unused.json<{ detail: string }>().detail).toMatch(/tick a box to receive something by post/);
    const half = await signUp('gil@example.com', { marketing: byPost, postalAddress: { line1: '1 Half Street', postalCode: ' ', city: 'Luxembourg', country: 'LU' } });
    expect(half.statusCode).toBe(400);
    expect(await userId('gil@example.com')).toBeUndefined();
  });

  it('answers an address that already has an account exactly as a new one', async () => {
    const taken = await signUp('ann@example.com', { marketing: byPost });
    expect(taken.statusCode).toBe(422);
    expect(taken.json<{ detail: string }>().detail).toMatch(/postal address/);
  });
});
