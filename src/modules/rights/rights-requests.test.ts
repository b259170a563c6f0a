import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn, verifiedRequest, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let officer: ReturnType<typeof createClient>;
let customer: TestUser;
let visitor: ReturnType<typeof createClient>;

const form = (over: Record<string, unknown> = {}) => ({ name: 'Erin Example', email: 'erin@example.com', kind: 'access', jurisdiction: 'eu', details: 'Please send me my data.', ...over });

async function verifyLinkTo(to: string): Promise<string> {
  const [message] = await app.services.mail.list({ limit: 1, to });
  const token = /confirm\?token=([\w-]+)/.exec(message?.body_text ?? '')?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${to}`);
  return token;
}

type View = { id: string; status: string; dueOn: string; receivedOn: string; daysLeft: number; overdue: boolean; verified: boolean; agent: unknown; extensionReason: string | null };

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  officer = (await signedIn(app, 'privacy_officer', 'dpo@example.com')).c;
  customer = await signedIn(app, 'customer', 'carl@example.com');
  visitor = createClient(app);
}, 60_000);
afterAll(async () => app?.dispose());

describe('public request form', () => {
  let requestId: string;

  it('offers the jurisdictions of the policy in force and refuses bad input with a message', async () => {
    const options = (await visitor.get('/api/rights/options')).json<{ jurisdictions: Array<{ id: string }> }>();
    expect(options.jurisdictions.map((j) => j.id)).toEqual(['eu', 'everyone']);
    const unknown = await visitor.post('/api/rights/requests', form({ jurisdiction: 'mars' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<{ detail: string }>().detail).toContain('eu, everyone');
    expect((await visitor.post('/api/rights/requests', form({ email: 'not an address' }))).statusCode).toBe(400);
  });

  it('acts only after the e-mailed link confirms the address; a replayed link fails', async () => {
    const res = await visitor.post('/api/rights/requests', form());
    expect(res.statusCode, res.body).toBe(202);
    requestId = res.json<{ id: string }>().id;
    const queue = (await officer.get('/api/privacy-officer/requests')).json<{ requests: View[] }>().requests;
    expect(queue.find((r) => r.id === requestId)).toMatchObject({ status: 'unverified', verified: false });
    expect((await officer.post(`/api/privacy-officer/requests/${requestId}/complete`, { answer: 'done' })).statusCode).toBe(409);
    const token = await verifyLinkTo('erin@example.com');
    expect((await visitor.post('/api/rights/requests/verify', { token: `${token}x` })).statusCode).toBe(400);
    expect((await visitor.post('/api/rights/requests/verify', { token })).statusCode).toBe(200);
    expect((await visitor.post('/api/rights/requests/verify', { token })).statusCode).toBe(400);
    expect((await auditEntries(app, 'rights.request_verified', requestId)).length).toBe(1);
  });

  it('accepts an authorised agent but still asks the person to confirm', async () => {
    const res = await visitor.post('/api/rights/requests', form({ email: 'frank@example.com', name: 'Frank', kind: 'erasure', agent: { name: 'Agent Agnes', email: 'agnes@agency.example', authority: 'signed power of attorney' } }));
    expect(res.statusCode, res.body).toBe(202);
    const [toAgent] = await app.services.mail.list({ limit: 1, to: 'agnes@agency.example' });
    expect(toAgent?.body_text).toContain('asked them to confirm');
    expect(await verifyLinkTo('frank@example.com')).toMatch(/^[\w-]{20,}$/);
    const queue = (await officer.get('/api/privacy-officer/requests?status=unverified')).json<{ requests: View[] }>().requests;
    expect(queue.find((r) => r.id === res.json<{ id: string }>().id)?.agent).toMatchObject({ name: 'Agent Agnes' });
  });

  it('gives officers due dates from the manifest, extensions with a reason, denials and metrics', async () => {
    const values = await app.services.policy.values();
    const queue = (await officer.get('/api/privacy-officer/requests?status=pending')).json<{ requests: View[] }>().requests;
    const erin = queue.find((r) => r.id === requestId)!;
    expect(erin.dueOn).toBe(values.dueDate('eu', erin.receivedOn));
    expect(erin.daysLeft).toBeGreaterThanOrEqual(28);

    const extended = await officer.post(`/api/privacy-officer/requests/${requestId}/extend`, { reason: 'Your data spans several archived projects.' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json<{ request: View }>().request.dueOn).toBe(values.dueDate('eu', erin.receivedOn, { extended: true }));
    const [told] = await app.services.mail.list({ limit: 1, to: 'erin@example.com' });
    expect(told?.body_text).toContain('Your data spans several archived projects.');
    expect(told?.body_text).toContain(values.dueDate('eu', erin.receivedOn, { extended: true }));
    expect((await officer.post(`/api/privacy-officer/requests/${requestId}/extend`, { reason: 'again' })).statusCode).toBe(409);

    expect((await officer.post(`/api/privacy-officer/requests/${requestId}/complete`, { answer: 'We sent your data.' })).statusCode).toBe(200);
    expect((await officer.post(`/api/privacy-officer/requests/${requestId}/deny`, { reason: 'too late' })).statusCode).toBe(409);

    const correction = await customer.c.post('/api/me/corrections', { what: 'The delivery address on my quote', correction: '1 New Street' });
    expect(correction.statusCode, correction.body).toBe(201);
    const denied = await officer.post(`/api/privacy-officer/requests/${correction.json<{ id: string }>().id}/deny`, { reason: 'The address on an accepted quote is an accounting record.' });
    expect(denied.json<{ request: View }>().request.status).toBe('denied');

    const metrics = (await officer.get('/api/privacy-officer/requests/metrics')).json<Record<string, number | null>>();
    expect(metrics).toMatchObject({ received: 2, completed: 1, denied: 1, open: 0, medianDaysToAnswer: 0 });
  });

  it('reminds officers before a request is due, once per threshold', async () => {
    const res = await visitor.post('/api/rights/requests', form({ email: 'gina@example.com', name: 'Gina', jurisdiction: 'everyone' }));
    await visitor.post('/api/rights/requests/verify', { token: await verifyLinkTo('gina@example.com') });
    const id = res.json<{ id: string }>().id;
    expect((await app.services.rights.sendReminders()).reminded).toBe(0);
    app.clock.advance(24 * 86_400_000);
    try {
      expect((await app.services.rights.sendReminders()).reminded).toBe(1);
      const [reminder] = await app.services.mail.list({ limit: 1, to: 'dpo@example.com' });
      expect(reminder?.body_text).toContain(id);
      expect((await app.services.rights.sendReminders()).reminded).toBe(0);
      app.clock.advance(6 * 86_400_000);
      expect((await app.services.rights.sendReminders()).reminded).toBe(1);
    } finally {
      app.clock.advance(-30 * 86_400_000);
    }
  });

  it('keeps the queue from customers and limits the public form', async () => {
    expect((await customer.c.get('/api/privacy-officer/requests')).statusCode).toBe(403);
    expect((await visitor.get('/api/privacy-officer/requests')).statusCode).toBe(401);
    expect((await customer.c.post(`/api/privacy-officer/requests/${requestId}/erase`)).statusCode).toBe(403);
    let last = 0;
    for (let i = 0; i < 3; i++) last = (await visitor.post('/api/rights/requests', form({ email: `spam${i}@example.com` }))).statusCode;
    expect(last).toBe(429);
  });
});

describe('erasure on a verified request', () => {
  it('erases the account that uses the confirmed address', async () => {
    const holder: TestUser = customer;
    const requestId = await verifiedRequest(app, { name: 'Carl', email: 'carl@example.com', kind: 'erasure' });
    const erased = await officer.post(`/api/privacy-officer/requests/${requestId}/erase`);
    expect(erased.statusCode, erased.body).toBe(202);
    const { erasureId } = erased.json<{ erasureId: string }>();
    expect(await app.jobs.drain()).toEqual({ completed: { 'rights.erase.v1': 1 }, failed: [] });
    expect(await app.db.selectFrom('erasures').select('status').where('id', '=', erasureId).executeTakeFirstOrThrow()).toEqual({ status: 'completed' });
    expect(await app.db.selectFrom('users').select('id').where('id', '=', holder.id).executeTakeFirst()).toBeUndefined();
    // The request record is kept, with the reason the registry states, and no longer points at the account.
    const kept = await app.db.selectFrom('rights_requests').select(['email', 'user_id', 'status']).where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(kept).toEqual({ email: 'carl@example.com', user_id: null, status: 'completed' });
  });
});
