/**
 * Disclosures a privacy officer records by the person's e-mail address or from a request in the
 * queue (officers do not know account ids): the person sees them, every one is audited, and a
 * wrong address, an ambiguous body or a non-officer records nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signedIn, verifiedRequest as verified, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let officer: ReturnType<typeof createClient>;
let officerId: string;
let dora: TestUser;
let eli: TestUser;

const facts = { kind: 'authority', recipient: 'Tax Office of Example', legalBasis: 'statutory information request §93', categories: ['contact.name', 'contact.email'], reference: 'TO-2026-17' };

const countDisclosures = async () => (await app.db.selectFrom('disclosures').select('id').execute()).length;
const dashboardOf = async (user: TestUser) => (await user.c.get('/api/me/privacy')).json<{ disclosures: Array<{ id: string; kind: string; recipient: string; legalBasis: string; reference: string | null; categories: string[]; outsidePolicy: boolean; purpose: string | null }> }>().disclosures;

const verifiedRequest = (email: string, kind: 'access' | 'erasure' = 'access') => verified(app, { email, kind });

beforeAll(async () => {
  app = await createTestApp();
  ({ id: officerId, c: officer } = await signedIn(app, 'privacy_officer', 'dpo@example.com'));
  dora = await signedIn(app, 'customer', 'dora@example.com');
  eli = await signedIn(app, 'customer', 'eli@example.com');
}, 60_000);
afterAll(async () => {
  await app?.dispose();
});

describe('recording a disclosure by e-mail address', () => {
  it('finds the account by its address, in any case, shows it to that person only and audits it', async () => {
    const ok = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'DORA@example.com', ...facts });
    expect(ok.statusCode, ok.body).toBe(201);
    const { id } = ok.json<{ id: string }>();
    expect(ok.json()).toEqual({ id, outsidePolicy: true });
    // The tax office is not a recipient of the policy: recorded on its legal basis, and flagged.
    expect(await dashboardOf(dora)).toEqual([expect.objectContaining({ kind: 'authority', recipient: facts.recipient, legalBasis: facts.legalBasis, reference: facts.reference, categories: facts.categories, outsidePolicy: true })]);
    expect(await dashboardOf(eli)).toEqual([]);
    const [entry] = await auditEntries(app, 'rights.disclosure_recorded', id);
    expect(entry).toMatchObject({ actor_id: officerId, actor_role: 'privacy_officer', subject_id: dora.id, target_type: 'disclosure' });
    expect(entry?.details).toEqual({ kind: 'authority', categories: facts.categories, outsidePolicy: true });
  });

  it('answers an unknown address with 404 and a message, recording nothing', async () => {
    const before = await countDisclosures();
    const audits = (await auditEntries(app, 'rights.disclosure_recorded')).length;
    const res = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'nobody@example.com', ...facts });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json<{ detail: string }>().detail).toBe('No account uses this e-mail address. Check the spelling; nothing was recorded.');
    expect(await countDisclosures()).toBe(before);
    expect(await auditEntries(app, 'rights.disclosure_recorded')).toHaveLength(audits);
  });

  it('refuses a body naming the person both ways or neither way', async () => {
    const before = await countDisclosures();
    for (const body of [{ ...facts }, { ...facts, subjectId: dora.id, subjectEmail: 'dora@example.com' }]) {
      const res = await officer.post('/api/privacy-officer/disclosures', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ detail: string }>().detail).toMatch(/by subjectId or by subjectEmail, exactly one of the two/);
    }
    expect(await countDisclosures()).toBe(before);
  });

  it('still takes an account id, and refuses categories the manifest does not declare', async () => {
    expect((await officer.post('/api/privacy-officer/disclosures', { subjectId: eli.id, ...facts, kind: 'third_party', recipient: 'Insurer' })).statusCode).toBe(201);
    expect((await dashboardOf(eli)).map((d) => d.recipient)).toEqual(['Insurer']);
    const before = await countDisclosures();
    const res = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts, categories: ['scan.body'] });
    expect(res.statusCode).toBe(422);
    const future = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    const ahead = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts, disclosedAt: future });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json<{ detail: string }>().detail).toMatch(/in the future/);
    expect(await countDisclosures()).toBe(before);
  });

  it("to a recipient of the policy, by its id: only the categories the policy declares for it, and not flagged", async () => {
    const before = await countDisclosures();
    const phone = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts, recipient: 'authorities', categories: ['contact.email', 'contact.phone'] });
    expect(phone.statusCode).toBe(422);
    expect(phone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(phone.json<{ detail: string }>().detail).toBe('The privacy manifest does not allow handing contact.phone to Courts and authorities; nothing was handed over.');
    expect(await countDisclosures()).toBe(before);

    const ok = await officer.post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts, recipient: 'authorities', categories: ['contact.email'] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ outsidePolicy: false });
    const shown = (await dashboardOf(eli)).find((d) => d.id === ok.json<{ id: string }>().id);
    expect(shown).toMatchObject({ recipient: 'Courts and authorities', categories: ['contact.email'], legalBasis: facts.legalBasis, outsidePolicy: false });
  });

  it('is for privacy officers only', async () => {
    const before = await countDisclosures();
    expect((await dora.c.post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts })).statusCode).toBe(403);
    expect((await createClient(app).post('/api/privacy-officer/disclosures', { subjectEmail: 'eli@example.com', ...facts })).statusCode).toBe(401);
    expect(await countDisclosures()).toBe(before);
  });
});

describe('recording a disclosure from a request in the queue', () => {
  it("records it against the request's account", async () => {
    const requestId = await verifiedRequest('dora@example.com');
    const res = await officer.post(`/api/privacy-officer/requests/${requestId}/disclosures`, { ...facts, recipient: 'Police of Example', reference: undefined });
    expect(res.statusCode, res.body).toBe(201);
    expect((await dashboardOf(dora)).map((d) => d.recipient)).toContain('Police of Example');
    const [entry] = await auditEntries(app, 'rights.disclosure_recorded', res.json<{ id: string }>().id);
    expect(entry).toMatchObject({ subject_id: dora.id, actor_id: officerId });
    expect(entry?.details).toMatchObject({ rightsRequest: requestId });
  });

  it('refuses requests with no account, unconfirmed or unknown, recording nothing', async () => {
    const before = await countDisclosures();
    const noAccount = await verifiedRequest('stranger@example.com');
    const none = await officer.post(`/api/privacy-officer/requests/${noAccount}/disclosures`, facts);
    expect(none.statusCode).toBe(422);
    expect(none.json<{ detail: string }>().detail).toMatch(/no account to record the disclosure against/);
    const { id: unconfirmed } = await app.services.rights.submitRequest({ name: 'Eli', email: 'eli@example.com', kind: 'access', jurisdiction: 'eu' }, { requestId: 't' });
    expect((await officer.post(`/api/privacy-officer/requests/${unconfirmed}/disclosures`, facts)).statusCode).toBe(409);
    expect((await officer.post(`/api/privacy-officer/requests/${randomUUID()}/disclosures`, facts)).statusCode).toBe(404);
    expect((await dora.c.post(`/api/privacy-officer/requests/${noAccount}/disclosures`, facts)).statusCode).toBe(403);
    expect(await countDisclosures()).toBe(before);
  });
});

describe('fulfilling a request for someone without an account', () => {
  it('says which action is impossible and why', async () => {
    const requestId = await verifiedRequest('walter@example.com', 'erasure');
    const erase = await officer.post(`/api/privacy-officer/requests/${requestId}/erase`);
    expect(erase.statusCode).toBe(422);
    expect(erase.json<{ detail: string }>().detail).toMatch(/no account to erase\. Answer the request with Complete or Deny instead\./);
    const exported = await officer.post(`/api/privacy-officer/requests/${requestId}/export`);
    expect(exported.statusCode).toBe(409);
    expect(exported.json<{ detail: string }>().detail).toMatch(/does not ask us to send a data export/);
    const access = await verifiedRequest('walter@example.com', 'access');
    expect((await officer.post(`/api/privacy-officer/requests/${access}/export`)).json<{ detail: string }>().detail).toMatch(/no account to export\./);
    expect((await officer.post(`/api/privacy-officer/requests/${access}/erase`)).json<{ detail: string }>().detail).toMatch(/does not ask us to erase the account/);
    const view = (await officer.get('/api/privacy-officer/requests?status=pending')).json<{ requests: Array<{ id: string; allowedActions: string[] }> }>();
    expect(view.requests.find((r) => r.id === access)?.allowedActions).toEqual(['export', 'complete', 'extend', 'deny']);
    expect(view.requests.find((r) => r.id === requestId)?.allowedActions).toEqual(['erase', 'complete', 'extend', 'deny']);
  });

  it('refuses to answer a request whose address is not confirmed', async () => {
    const res = await createClient(app).post('/api/rights/requests', { kind: 'access', name: 'Una Confirmed', email: 'una@example.com', jurisdiction: 'eu' });
    expect(res.statusCode, res.body).toBe(202);
    const row = await app.db.selectFrom('rights_requests').select('id').where('email', '=', 'una@example.com').executeTakeFirstOrThrow();
    for (const action of ['extend', 'deny']) {
      const refused = await officer.post(`/api/privacy-officer/requests/${row.id}/${action}`, { reason: 'We need more time.' });
      expect(refused.statusCode, action).toBe(409);
      expect(refused.json<{ detail: string }>().detail).toContain('has not confirmed their e-mail address');
    }
  });
});
