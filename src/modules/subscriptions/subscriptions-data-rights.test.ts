import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { anAddress, putCommerceInForce } from '../orders/orders-test-support.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { licensedPlan } from './subscriptions-test-support.js';

let app: TestApp;
let eve: TestUser;
let subscriptionId: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  await putCommerceInForce(app);
  const admin = await signedIn(app, 'admin');
  eve = await signedIn(app, 'customer', 'eve@customer.test');
  const planId = await licensedPlan(admin, { code: 'eve-plan' });
  const res = await eve.c.post('/api/subscriptions', { planId, provider: 'bank_transfer', billingAddress: anAddress });
  expect(res.statusCode, res.body).toBe(201);
  subscriptionId = res.json<{ id: string }>().id;
  expect((await admin.c.post(`/api/subscriptions/${subscriptionId}/payments/bank-transfer`)).statusCode).toBe(200);
}, 90_000);
afterAll(async () => app?.dispose());

describe('a subscriber’s data rights', () => {
  it('puts the subscription, its charges and its invoice in the export', async () => {
    expect((await eve.c.post('/api/me/exports')).statusCode).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: eve.email });
    const [, id, token] = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(message?.body_text ?? '') ?? [];
    const download = await eve.c.get(`/api/exports/${id}/download?token=${token}`);
    expect(download.statusCode).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    expect(zip.get('tables/subscriptions.csv')?.toString()).toContain(subscriptionId);
    expect(zip.get('tables/subscription_charges.csv')?.toString()).toContain('succeeded');
    expect(zip.get('tables/invoices.csv')?.toString()).toMatch(/SUB-/);
    // The provider's card token is never exported as such, and none is held for a bank transfer.
    expect(zip.get('tables/subscriptions.csv')?.toString()).not.toMatch(/pm_/);
  });

  it('erases the subscription and its licence, keeping the charges and invoice under the legal duty', async () => {
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, eve.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await app.db.selectFrom('subscriptions').select('id').where('customer_id', '=', eve.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('licences').select('id').where('user_id', '=', eve.id).execute()).toEqual([]);
    expect(await app.db.selectFrom('subscription_charges').select('status').where('customer_id', '=', eve.id).execute()).toEqual([{ status: 'succeeded' }]);
    expect(await app.db.selectFrom('invoices').select('reference').where('customer_id', '=', eve.id).execute()).toHaveLength(1);
  });
});
