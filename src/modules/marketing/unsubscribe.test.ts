/**
 * RFC 8058 one-click unsubscribe, the preferences page's API (consent records with their history,
 * the interest-based ads opt-out egress honours), SMS through the provider adapter against a local
 * fake provider, and organisation admins' view of their members' choices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, createOrgWithMembers, signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { createClient, policyShown } from '../../test-support/http-client.js';
import { startFakeSmsProvider } from '../../test-support/fake-sms-provider.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { choice, choose, marketingManifestPath } from './marketing-test-support.js';

let app: TestApp;
let sms: Awaited<ReturnType<typeof startFakeSmsProvider>>;
let staff: TestUser;

beforeAll(async () => {
  sms = await startFakeSmsProvider();
  app = await createTestApp({ MESHVAULT_MANIFEST: marketingManifestPath(), MESHVAULT_PUBLIC_URL: 'https://shop.example', MESHVAULT_SMS_URL: sms.url, MESHVAULT_SMS_TOKEN: 'sms-secret', MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: '0' });
  await app.startJobs();
  staff = await signedIn(app, 'marketing');
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  await sms?.close();
});

/** Sends a newsletter e-mail campaign and answers the unsubscribe URL of the message to `user`. */
async function unsubscribeLinkOf(user: TestUser) {
  const created = await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: `For ${user.email}`, bodyMarkdown: 'News.' });
  const id = created.json<{ id: string }>().id;
  await staff.c.post(`/api/marketing/campaigns/${id}/send`);
  await app.jobs.drain();
  const [row] = await app.db.selectFrom('mail_outbox').select(['headers']).where('to_address', '=', user.email).where('kind', '=', 'marketing.campaign').orderBy('created_at', 'desc').execute();
  const url = /<(https:\/\/shop\.example\/u\/[^>]+)>/.exec(row!.headers!['List-Unsubscribe']!)![1]!;
  return new URL(url).pathname;
}

const optedIn = async (user: TestUser) => (await user.c.get('/api/me/marketing')).json<{ choices: Array<{ topic: string; channel: string; optedIn: boolean; method: string | null }> }>().choices.find((c) => c.topic === 'newsletter' && c.channel === 'email')!;
const oneClick = { 'content-type': 'application/x-www-form-urlencoded' };

describe('one-click unsubscribe (RFC 8058)', () => {
  it('shows a page on GET and changes nothing; the POST a mail client sends unsubscribes with no session', async () => {
    const ann = await signedIn(app, 'customer', 'ann@example.com');
    await choose(ann, [choice('newsletter', 'email')]);
    const path = await unsubscribeLinkOf(ann);

    const page = await app.http.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Newsletter');
    expect(page.body).toContain('<form method="post">');
    expect((await optedIn(ann)).optedIn).toBe(true);

    const res = await app.http.inject({ method: 'POST', url: path, headers: oneClick, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('You are unsubscribed');
    expect(await optedIn(ann)).toMatchObject({ optedIn: false, method: 'unsubscribe' });
  });

  it('accepts the multipart form some mail clients send, and the page’s button with a session cookie but no CSRF token', async () => {
    const bob = await signedIn(app, 'customer', 'bob@example.com');
    await choose(bob, [choice('newsletter', 'email')]);
    const path = await unsubscribeLinkOf(bob);
    const cookie = [...bob.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.http.inject({ method: 'POST', url: path, headers: { ...oneClick, cookie, 'sec-fetch-site': 'same-origin' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await optedIn(bob)).optedIn).toBe(false);

    await choose(bob, [choice('newsletter', 'email')]);
    const boundary = 'xYz';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const again = await app.http.inject({ method: 'POST', url: path, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    expect(again.statusCode, again.body).toBe(200);
    expect((await optedIn(bob)).optedIn).toBe(false);
  });

  it('does nothing for a forged token, another person’s token altered, or a POST without One-Click', async () => {
    const cat = await signedIn(app, 'customer', 'cat@example.com');
    const dan = await signedIn(app, 'customer', 'dan@example.com');
    await choose(cat, [choice('newsletter', 'email')]);
    await choose(dan, [choice('newsletter', 'email')]);
    const catPath = await unsubscribeLinkOf(cat);
    const [, target, signature] = catPath.slice('/u/'.length).split('.');
    const danBytes = Buffer.from(dan.id.replace(/-/g, ''), 'hex').toString('base64url');
    const catBytes = catPath.slice('/u/'.length).split('.')[0]!;
    // dan's id under cat's signature; cat's id under a made-up signature; cat's link turned to another channel.
    const forDan = `/u/${danBytes}.${target}.${signature}`;
    const forged = `/u/${catBytes}.${target}.${'A'.repeat(43)}`;
    for (const path of [forDan, forged, '/u/nonsense', `/u/${catBytes}.AAAAAAAAAAA.${signature}`]) {
      const res = await app.http.inject({ method: 'POST', url: path, headers: oneClick, payload: 'List-Unsubscribe=One-Click' });
      expect(res.statusCode, path).toBe(404);
      expect((await app.http.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    }
    expect((await app.http.inject({ method: 'POST', url: catPath, headers: oneClick, payload: 'List-Unsubscribe=Maybe' })).statusCode).toBe(400);
    expect((await optedIn(cat)).optedIn).toBe(true);
    expect((await optedIn(dan)).optedIn).toBe(true);
  });
});

describe('preferences', () => {
  it('starts unticked under an opt-in purpose, records each change with its policy version, and refuses what the policy does not offer', async () => {
    const eve = await signedIn(app, 'customer', 'eve@example.com');
    const first = (await eve.c.get('/api/me/marketing')).json<{ choices: Array<{ optedIn: boolean }>; purposes: Array<{ optIn: boolean; topics: unknown[]; channels: string[] }> }>();
    expect(first.purposes).toEqual([expect.objectContaining({ id: 'marketing', optIn: true, channels: ['email', 'sms', 'phone', 'post'], topics: [expect.objectContaining({ id: 'newsletter' }), expect.objectContaining({ id: 'product_news' })] })]);
    expect(first.choices).toHaveLength(8);
    expect(first.choices.every((c) => !c.optedIn)).toBe(true);

    const after = await choose(eve, [choice('newsletter', 'email'), choice('product_news', 'post')], { source: 'sign_up', postalAddress: { line1: '5 Eve Street', postalCode: 'L-1234', city: 'Luxembourg', country: 'LU' } });
    expect(after.history.map((h) => [h.scope, h.decision, h.method])).toEqual(
      expect.arrayContaining([
        ['marketing:marketing:newsletter:email', 'given', 'sign_up'],
        ['marketing:marketing:product_news:post', 'given', 'sign_up'],
      ]),
    );
    const refused = await eve.c.put('/api/me/marketing', { choices: [choice('newsletter', 'in_app')] });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(await app.db.selectFrom('consent_records').select('id').where('user_id', '=', eve.id).execute()).toHaveLength(2);
  });

  it('records the sign-up form’s ticks as consent in the sign-up itself, and refuses a tick the policy does not offer', async () => {
    const shown = await policyShown(app);
    const signUp = (email: string, marketing: unknown[]) => createClient(app).post('/api/auth/sign-up', { name: 'New Person', email, password: TEST_PASSWORD, ageConfirmed: true, policy: shown, marketing });
    const res = await signUp('new@example.com', [{ purpose: 'marketing', topic: 'newsletter', channel: 'sms' }]);
    expect(res.statusCode, res.body).toBeLessThan(300);
    const user = await app.db.selectFrom('users').select('id').where('email', '=', 'new@example.com').executeTakeFirstOrThrow();
    expect(await app.db.selectFrom('consent_records').select(['scope', 'decision', 'method']).where('user_id', '=', user.id).execute()).toEqual([{ scope: 'marketing:marketing:newsletter:sms', decision: 'given', method: 'sign_up' }]);
    const refused = await signUp('odd@example.com', [{ purpose: 'marketing', topic: 'gossip', channel: 'email' }]);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(await app.db.selectFrom('users').select('id').where('email', '=', 'odd@example.com').execute()).toEqual([]);
  });

  it('is public as options for the sign-up form', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/marketing/options' });
    expect(res.json<{ purposes: Array<{ id: string }> }>().purposes.map((p) => p.id)).toEqual(['marketing']);
  });
});

describe('SMS through the provider adapter', () => {
  it('sends once to each person opted in to SMS, through egress, and records a refused send as failed', async () => {
    const fay = await signedIn(app, 'customer', 'fay@example.com');
    const gus = await signedIn(app, 'customer', 'gus@example.com');
    const hal = await signedIn(app, 'customer', 'hal@example.com');
    for (const [user, phone] of [[fay, '+352 621 111 111'], [gus, '+352 621 222 222'], [hal, '+352 621 333 333']] as const) {
      expect((await user.c.patch('/api/me', { phone })).statusCode).toBe(200);
      await choose(user, [choice('newsletter', 'sms')]);
    }
    await hal.c.post('/api/me/opt-outs/marketing');
    const id = (await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'sms', subject: 'Sale', bodyMarkdown: 'Everything **20%** off.' })).json<{ id: string }>().id;
    expect((await staff.c.post(`/api/marketing/campaigns/${id}/send`)).statusCode).toBe(202);
    await app.jobs.drain();
    expect(sms.received.map((m) => [m.to, m.text])).toEqual(
      expect.arrayContaining([
        ['+352 621 111 111', 'Sale\nEverything 20% off.'],
        ['+352 621 222 222', 'Sale\nEverything 20% off.'],
      ]),
    );
    expect(sms.received).toHaveLength(2);
    expect(sms.received.every((m) => m.authorization === 'Bearer sms-secret' && m.idempotencyKey?.startsWith(`${id}:`))).toBe(true);
    const disclosures = await app.db.selectFrom('disclosures').select(['subject_id', 'purpose']).where('reference', 'like', `${id}:%`).execute();
    expect(disclosures.map((d) => d.subject_id).sort()).toEqual([fay.id, gus.id].sort());

    sms.failNext(5);
    const second = (await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'sms', subject: 'Again', bodyMarkdown: 'x' })).json<{ id: string }>().id;
    await staff.c.post(`/api/marketing/campaigns/${second}/send`);
    await app.jobs.drain();
    const outcomes = await app.db.selectFrom('marketing_deliveries').select('outcome').where('campaign_id', '=', second).execute();
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'failed']);
    // A failed send leaves no hand-over on record.
    expect(await app.db.selectFrom('disclosures').select('id').where('reference', 'like', `${second}:%`).execute()).toEqual([]);
  });
});

describe('organisation admins', () => {
  it('see their members’ choices only where the policy grants organisations that control, audited', async () => {
    const admin = await signedIn(app, 'customer', 'lead@acme.example');
    const member = await signedIn(app, 'customer', 'worker@acme.example');
    await choose(member, [choice('product_news', 'email')]);
    const platformAdmin = await signedIn(app, 'admin');
    const orgId = await createOrgWithMembers(app, { operatorId: platformAdmin.id, name: 'Acme', adminId: admin.id, adminEmail: admin.email, members: [{ id: member.id, email: member.email }] });
    const res = await admin.c.get(`/api/orgs/${orgId}/members/marketing`);
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<{ members: Array<{ userId: string; choices: Array<{ topic: string; channel: string; optedIn: boolean }> }> }>().members.find((m) => m.userId === member.id)!;
    expect(shown.choices.filter((c) => c.optedIn)).toEqual([expect.objectContaining({ topic: 'product_news', channel: 'email' })]);
    expect((await member.c.get(`/api/orgs/${orgId}/members/marketing`)).statusCode).toBe(403);
    const audited = await auditEntries(app, 'marketing.member_preferences_read');
    expect(JSON.stringify(audited)).toContain(member.id);
  });
});
