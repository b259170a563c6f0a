import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { wrongToken } from '../../test-support/wrong-token.js';
import { anAddress } from '../orders/orders-test-support.js';
import { mugDefinition, publishedMug, putConfiguratorInForce, staffWithModels } from './configurator-test-support.js';

let app: TestApp;
let staff: TestUser;
let ada: TestUser;
let bob: TestUser;
let productId: string;
let mug: string;
let handle: string;

type Problem = { code: string; detail: string; problems?: Array<{ code: string; rule?: string; attribute?: string }> };
type Configuration = { id: string; priceCents: number; currency: string; selections: Record<string, string> };

const steelEngraved = { material: 'steel', colour: 'blue', size: 'm', handle: 'loop', engraving: 'Ada' };

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_TAX_RATE_PERCENT: '20' });
  await app.startJobs();
  ({ staff, mug, handle } = await staffWithModels(app));
  ada = await signedIn(app, 'customer', 'ada@customer.test');
  bob = await signedIn(app, 'customer', 'bob@customer.test');
}, 90_000);
afterAll(async () => app?.dispose());

async function save(user: TestUser, selections: Record<string, string>, name = 'My mug') {
  const res = await user.c.post('/api/configurations', { productId, name, selections });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Configuration>();
}

describe('the configurator', () => {
  it('is off while the policy does not declare configurations', async () => {
    await putPolicyInForce(app, defaultWithout('configuration'));
    const res = await staff.c.get('/api/configurator/products');
    expect(res.json<Problem>().code).toBe('feature_off');
    expect(res.json<Problem>().detail).toContain('configuration');
    await putConfiguratorInForce(app);
    expect((await staff.c.get('/api/configurator/products')).statusCode).toBe(200);
  });

  it('lets staff define a product, refusing logic that is not allowed and names the product lacks', async () => {
    const bad = mugDefinition(mug, handle);
    bad.rules.push({ key: 'call', message: 'x', logic: { method: [{ var: 'engraving' }, 'toUpperCase'] } as never });
    bad.rules.push({ key: 'typo', message: 'y', logic: { '==': [{ var: 'color' }, 'red'] } as never });
    const refused = await staff.c.post('/api/configurator/products', bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>().detail).toContain('the operator "method" is not allowed');
    expect(refused.json<Problem>().detail).toContain('reads "color"');
    // Each problem names its field, so the product form shows it by the rule it is about.
    expect(refused.json<{ errors: { path: string; message: string }[] }>().errors).toEqual([
      { path: 'body.rules.2.logic', message: expect.stringContaining('the operator "method" is not allowed') as string },
      { path: 'body.rules.3.logic', message: expect.stringContaining('reads "color"') as string },
    ]);
    const noPrice = await staff.c.post('/api/configurator/products', { ...mugDefinition(mug, handle), price: { '-': [0, 5] } });
    expect(noPrice.json<Problem>().detail).toContain('gives no price');
    expect(noPrice.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['body.price']);
    expect((await ada.c.post('/api/configurator/products', mugDefinition(mug, handle))).statusCode).toBe(403);
    expect(await app.db.selectFrom('configurable_products').selectAll().execute()).toEqual([]);

    productId = await publishedMug(staff, mug, handle);
    const listed = (await ada.c.get('/api/configurator/products')).json<{ products: Array<{ id: string; currency: string }> }>().products;
    expect(listed).toEqual([expect.objectContaining({ id: productId, currency: 'EUR' })]);
    expect(await auditEntries(app, 'configurator.product_defined')).toHaveLength(1);
  });

  it('prices a selection by the formula, and refuses broken rules, unknown options and bad engraving', async () => {
    const price = async (selections: Record<string, string>) => ada.c.post(`/api/configurator/products/${productId}/price`, { selections });
    expect((await price({})).json()).toEqual({ priceCents: 2000, currency: 'EUR' });
    // 2000 + steel 1500 + loop 300 + 3 letters × 50
    expect((await price(steelEngraved)).json()).toEqual({ priceCents: 3950, currency: 'EUR' });
    expect((await price({ ...steelEngraved, size: 'xl' })).json()).toEqual({ priceCents: 5925, currency: 'EUR' });
    const cases: Array<[Record<string, string>, string]> = [
      [{ size: 'xl', colour: 'red' }, 'rule_broken'],
      [{ material: 'pla', engraving: 'Ada' }, 'rule_broken'],
      [{ colour: 'green' }, 'unknown_option'],
      [{ glaze: 'matt' }, 'unknown_attribute'],
      [{ material: 'steel', engraving: 'far too long to engrave' }, 'bad_engraving'],
      [{ material: 'steel', engraving: 'Ada\u0007' }, 'bad_engraving'],
      [{ material: 'steel', engraving: '<b>x</b>' }, 'bad_engraving'],
    ];
    for (const [selections, code] of cases) {
      const res = await price(selections);
      expect(res.statusCode, JSON.stringify(selections)).toBe(422);
      expect(res.json<Problem>().problems?.map((p) => p.code)).toContain(code);
    }
    const red = await price({ size: 'xl', colour: 'red' });
    expect(red.json<Problem>().detail).toBe('Size XL is not made in red.');
  });

  it('saves only valid configurations, priced by the server; someone else’s is a 404', async () => {
    const refused = await ada.c.post('/api/configurations', { productId, name: 'Red XL', selections: { size: 'xl', colour: 'red' } });
    expect(refused.statusCode).toBe(422);
    expect(await app.db.selectFrom('configurations').selectAll().execute()).toEqual([]);

    const saved = await save(ada, steelEngraved);
    expect(saved).toMatchObject({ priceCents: 3950, currency: 'EUR', selections: steelEngraved });
    expect((await ada.c.get('/api/configurations')).json<{ configurations: unknown[] }>().configurations).toHaveLength(1);
    expect(await auditEntries(app, 'configurator.configuration_saved', saved.id)).toHaveLength(1);
    for (const res of [
      await bob.c.get(`/api/configurations/${saved.id}`),
      await bob.c.put(`/api/configurations/${saved.id}`, { name: 'Mine now', selections: {} }),
      await bob.c.delete(`/api/configurations/${saved.id}`),
      await bob.c.post(`/api/configurations/${saved.id}/shares`),
      await bob.c.post(`/api/configurations/${saved.id}/order`, { billingAddress: anAddress }),
      await staff.c.get(`/api/configurations/${saved.id}`),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    const changed = await ada.c.put(`/api/configurations/${saved.id}`, { name: 'Big mug', selections: { ...steelEngraved, size: 'xl' } });
    expect(changed.json<Configuration>().priceCents).toBe(5925);
    const broken = await ada.c.put(`/api/configurations/${saved.id}`, { name: 'Big red mug', selections: { ...steelEngraved, size: 'xl', colour: 'red' } });
    expect(broken.statusCode).toBe(422);
    expect((await ada.c.get(`/api/configurations/${saved.id}`)).json<Configuration>().selections.colour).toBe('blue');
  });

  it('shares a read-only link anyone can open, until it is revoked', async () => {
    const saved = await save(ada, steelEngraved, 'Shared mug');
    const created = await ada.c.post(`/api/configurations/${saved.id}/shares`);
    expect(created.statusCode, created.body).toBe(201);
    const share = created.json<{ id: string; url: string; token: string }>();
    expect(share.url).toMatch(/\/shared\/configurations\/[\w-]{43}$/);
    const stored = await app.db.selectFrom('configuration_shares').select('token_hash').where('id', '=', share.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(share.token);

    const stranger = createClient(app);
    const open = await stranger.get(`/api/shared/configurations/${share.token}`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toMatchObject({ configuration: { id: saved.id, name: 'Shared mug', priceCents: 3950 }, product: { id: productId } });
    expect(open.body).not.toContain(ada.email);
    const model = await stranger.get(`/api/shared/configurations/${share.token}/models/${handle}`);
    expect(model.statusCode).toBe(200);
    expect(model.headers['content-type']).toBe('model/gltf-binary');
    // A token one character off (not the same character: one in 64 tokens ends in 'A').
    const wrong = wrongToken(share.token);
    expect((await stranger.get(`/api/shared/configurations/${wrong}`)).statusCode).toBe(404);

    expect((await ada.c.delete(`/api/configurations/${saved.id}/shares/${share.id}`)).statusCode).toBe(200);
    expect((await stranger.get(`/api/shared/configurations/${share.token}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/shared/configurations/${share.token}/models/${handle}`)).statusCode).toBe(404);
    const shares = (await ada.c.get(`/api/configurations/${saved.id}/shares`)).json<{ shares: Array<{ revokedAt: string | null }> }>().shares;
    expect(shares[0]?.revokedAt).not.toBeNull();
  });

  it('serves only the models a visible product draws', async () => {
    expect((await ada.c.get(`/api/configurator/products/${productId}/models/${mug}`)).statusCode).toBe(200);
    expect((await ada.c.get(`/api/configurator/products/${productId}/models/${crypto.randomUUID()}`)).statusCode).toBe(404);
    const draft = await staff.c.post('/api/configurator/products', { ...mugDefinition(mug, handle), name: 'Draft mug' });
    const draftId = draft.json<{ id: string }>().id;
    expect((await ada.c.get(`/api/configurator/products/${draftId}/models/${mug}`)).statusCode).toBe(404);
    expect((await ada.c.post('/api/configurations', { productId: draftId, name: 'x', selections: {} })).statusCode).toBe(404);
  });

  it('orders a configuration through the orders module: priced again, taxed, waiting for payment', async () => {
    const saved = await save(ada, steelEngraved, 'Gift mug');
    const res = await ada.c.post(`/api/configurations/${saved.id}/order`, { quantity: 2, billingAddress: anAddress, notes: 'Gift wrap, please.' });
    expect(res.statusCode, res.body).toBe(201);
    const orderId = res.json<{ orderId: string }>().orderId;
    const detail = (await ada.c.get(`/api/orders/${orderId}`)).json<{ order: Record<string, unknown> & { lines: Array<{ description: string }> } }>();
    expect(detail.order).toMatchObject({ configurationId: saved.id, projectId: null, quoteId: null, status: 'pending_payment', currency: 'EUR', netCents: 7900, taxCents: 1580, totalCents: 9480, canPay: true });
    expect(detail.order.lines[0]?.description).toBe('Travel mug (Gift mug): Material: Steel, Colour: Blue, Size: M, Handle: Loop handle, Engraving: “Ada”');
    expect((await bob.c.get(`/api/orders/${orderId}`)).statusCode).toBe(404);
    expect((await staff.c.get(`/api/orders/${orderId}`)).json<{ order: { viewerRole: string } }>().order.viewerRole).toBe('staff');
    expect((await staff.c.get('/api/orders')).json<{ orders: Array<{ id: string }> }>().orders.map((o) => o.id)).toContain(orderId);
    expect((await ada.c.post(`/api/orders/${orderId}/checkout`, { provider: 'bank_transfer' })).statusCode).toBe(200);
    expect((await app.services.mail.list({ limit: 10, to: ada.email })).map((m) => m.kind)).toContain('orders.confirmation');

    // A product changed since: the order follows the rules as they are now.
    const stricter = mugDefinition(mug, handle);
    stricter.rules.push({ key: 'no_loop_on_steel', message: 'Steel mugs come without the loop handle now.', logic: { '!': { and: [{ '==': [{ var: 'material' }, 'steel'] }, { '==': [{ var: 'handle' }, 'loop'] }] } } as never });
    expect((await staff.c.put(`/api/configurator/products/${productId}`, stricter)).statusCode).toBe(200);
    const refused = await ada.c.post(`/api/configurations/${saved.id}/order`, { billingAddress: anAddress });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>().detail).toBe('Steel mugs come without the loop handle now.');
    expect((await staff.c.put(`/api/configurator/products/${productId}`, mugDefinition(mug, handle))).statusCode).toBe(200);
  });
});
