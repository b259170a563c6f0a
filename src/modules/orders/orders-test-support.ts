import { expect } from 'vitest';
import { createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import type { TestApp } from '../../test-support/test-app.js';
import { analyse, uploadWhole } from '../files/files-test-support.js';
import { makeBox, toBinaryStl } from '../models/test-meshes.js';
import { manifestVariant } from '../privacy/test-manifests.js';

export const PAYMENT_RECIPIENT = 'payment_processor';

/**
 * The default manifest (which declares orders) plus seed 001's card reference, and the payment
 * processor as a recipient of the amount, the reference, the e-mail and the card reference.
 */
export function commerceManifest(opts: { fiscalYearEnd?: string; recipientCategories?: string[] } = {}): string {
  return manifestVariant((doc) => {
    const d = doc as unknown as Record<string, unknown> & { categories: Array<{ id: string; sources: string[] }>; purposes: Array<{ id: string; categories: string[] }>; retention: Array<{ categories: string[] }>; recipients: Array<Record<string, unknown>> };
    d.categories.push({ id: 'billing.payment_instrument', sources: ['directly'] });
    d.purposes.find((p) => p.id === 'orders')!.categories.push('billing.payment_instrument');
    d.retention.find((r) => r.categories.includes('billing.invoice'))!.categories.push('billing.payment_instrument');
    d.recipients.push({
      id: PAYMENT_RECIPIENT,
      name: 'Payment processor',
      kind: 'processor',
      service: 'Processes card payments and refunds.',
      categories: opts.recipientCategories ?? ['contact.email', 'billing.transaction', 'billing.payment_instrument'],
      country: 'US',
      transfer_mechanism: 'dpf',
    });
    if (opts.fiscalYearEnd) d.fiscal_year_end = opts.fiscalYearEnd;
  });
}

export async function putCommerceInForce(app: TestApp, opts: Parameters<typeof commerceManifest>[0] = {}) {
  await putPolicyInForce(app, commerceManifest(opts));
}

export const anAddress = { name: 'Ada Lovelace', company: 'Analytical Engines Ltd', line1: '12 Marylebone Road', postalCode: 'NW1 5LR', city: 'London', country: 'gb' };

/** A project of `customer`, staffed by `staff`, with an analysed part and its quote accepted: what an order starts from. */
export async function acceptedQuote(app: TestApp, customer: TestUser, staff: TestUser, title = 'Bracket') {
  const admin = await signedIn(app, 'admin');
  const projectId = await createProject(customer, { title, process: 'FDM', material: 'PLA', quantity: 3 });
  expect((await admin.c.post(`/api/projects/${projectId}/assignments`, { staffId: staff.id })).statusCode).toBe(200);
  const fileId = await uploadWhole(app, customer, projectId, 'bracket.stl', toBinaryStl(makeBox([-30, -20, -50], [20, 30, 40])));
  expect((await analyse(app, fileId)).status).toBe('analysed');
  const issued = await customer.c.post(`/api/projects/${projectId}/quotes`);
  expect(issued.statusCode, issued.body).toBe(201);
  const quoteId = issued.json<{ quote: { id: string } }>().quote.id;
  expect((await customer.c.post(`/api/quotes/${quoteId}/accept`)).statusCode).toBe(200);
  return { projectId, quoteId };
}

export async function placeOrder(customer: TestUser, quoteId: string, body: Record<string, unknown> = { billingAddress: anAddress }) {
  const res = await customer.c.post(`/api/quotes/${quoteId}/order`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
