import { expect } from 'vitest';
import { TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { SESSION_COOKIE } from '../accounts/index.js';
import type { TestApp } from '../../test-support/test-app.js';
import { DESKTOP_PREFIX } from '../licensing/index.js';

export type TSub = {
  id: string;
  number: string;
  status: string;
  cardSaved: boolean;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  expiresAt: string | null;
  licenceId: string | null;
  amountDue: { amountCents: number; currency: string; provider: string; bankReference: string } | null;
  charges: Array<{ period: number; status: string; amountCents: number; provider: string; invoiceId: string | null }>;
};

/** An admin's licence product and policy, and a plan of `period` that grants it. */
export async function licensedPlan(admin: TestUser, opts: { code: string; period?: string; priceCents?: number }) {
  const product = await admin.c.post('/api/licensing/products', { code: `${opts.code}-app`, name: 'CrystalMe3D Pro' });
  expect(product.statusCode, product.body).toBe(201);
  const policy = await admin.c.post('/api/licensing/policies', { productId: product.json<{ id: string }>().id, name: 'Pro', maxMachines: 2, floating: true, requireHeartbeat: false, heartbeatSeconds: 600, offlineAllowed: false, fileTtlSeconds: 86_400 });
  expect(policy.statusCode, policy.body).toBe(201);
  const plan = await admin.c.post('/api/subscription-plans', { code: opts.code, name: 'Pro monthly', period: opts.period ?? 'P1M', priceCents: opts.priceCents ?? 1000, currency: 'eur', licensingPolicyId: policy.json<{ id: string }>().id });
  expect(plan.statusCode, plan.body).toBe(201);
  return plan.json<{ id: string }>().id;
}

export async function subscription(user: TestUser, id: string): Promise<TSub> {
  const res = await user.c.get(`/api/subscriptions/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TSub>();
}

/** What the desktop app hears about the licence's key. */
export async function validateKey(app: TestApp, key: string): Promise<string> {
  const res = await app.http.inject({ method: 'POST', url: `${DESKTOP_PREFIX}/licenses/actions/validate-key`, payload: { key } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ meta: { code: string } }>().meta.code;
}

export async function licenceKey(app: TestApp, licenceId: string): Promise<string> {
  return (await app.db.selectFrom('licences').select('key').where('id', '=', licenceId).executeTakeFirstOrThrow()).key;
}

export const DAY = 86_400_000;

/** Moves the clock and signs the people in again (their sessions would have timed out meanwhile). */
export async function moveClock(app: TestApp, to: Date, ...people: TestUser[]) {
  app.clock.set(to);
  for (const p of people) {
    const session = await app.services.accounts.signIn({ email: p.email, password: TEST_PASSWORD }, { requestId: 'test' });
    p.c.cookies.set(SESSION_COOKIE, session.token);
  }
}
