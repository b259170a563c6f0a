/**
 * A campaign reaches exactly the people its topic and channel allow at the moment it is sent, once
 * each: the shared check decides person by person (opt-in, opt-out, restriction, GPC), in paced
 * batches that resume from the campaign's cursor. The relay is a real SMTP server whose messages are
 * parsed as a mail client reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { startParsingSmtpCatcher } from '../../test-support/smtp-catcher.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { choice, choose, marketingManifestPath } from './marketing-test-support.js';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startParsingSmtpCatcher>>;
let staff: TestUser;
const people: Record<string, TestUser> = {};

beforeAll(async () => {
  smtp = await startParsingSmtpCatcher();
  app = await createTestApp({
    MESHVAULT_MANIFEST: marketingManifestPath(),
    MESHVAULT_SMTP_URL: smtp.url,
    MESHVAULT_MAIL_FROM: 'news@shop.example',
    MESHVAULT_PUBLIC_URL: 'https://shop.example',
    MESHVAULT_MARKETING_BATCH_SIZE: '2',
    MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: '0',
  });
  await app.startJobs();
  staff = await signedIn(app, 'marketing', 'marketer@shop.example');
  for (const name of ['ann', 'bob', 'cat', 'dan', 'eve', 'fay', 'gus']) people[name] = await signedIn(app, 'customer', `${name}@example.com`);
  await choose(people.ann!, [choice('newsletter', 'email')]);
  // bob opted in, then out again on the preferences page
  await choose(people.bob!, [choice('newsletter', 'email')]);
  await choose(people.bob!, [choice('newsletter', 'email', false)]);
  // cat opted in, then restricted all processing
  await choose(people.cat!, [choice('newsletter', 'email')]);
  expect((await people.cat!.c.post('/api/me/restriction', {})).statusCode).toBe(200);
  // dan opted in, and his browser sends Global Privacy Control
  await choose(people.dan!, [choice('newsletter', 'email')]);
  const gpc = await app.http.inject({ method: 'GET', url: '/api/consent', headers: { 'sec-gpc': '1', cookie: [...people.dan!.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  expect(gpc.json<{ gpc: boolean }>().gpc).toBe(true);
  // eve wants product news only; fay wants the newsletter by SMS only; gus said nothing (opt-in: nothing ticked)
  await choose(people.eve!, [choice('product_news', 'email')]);
  await choose(people.fay!, [choice('newsletter', 'sms')]);
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

async function newCampaign(input: Record<string, unknown>) {
  const res = await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: 'Our December newsletter', bodyMarkdown: '# Hello\n\nWe print **faster** now. [Read more](https://shop.example/blog/faster)\n\n- PLA\n- PETG', ...input });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('campaigns', () => {
  it('lets only the marketing role (and admins) write campaigns', async () => {
    const res = await people.ann!.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: 'x', bodyMarkdown: 'x' });
    expect(res.statusCode).toBe(403);
    const bad = await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'gossip', channel: 'email', subject: 'x', bodyMarkdown: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('previews the mail as text and HTML, with the body escaped', async () => {
    const id = await newCampaign({ bodyMarkdown: 'Hi <script>alert(1)</script> **you**' });
    const preview = (await staff.c.get(`/api/marketing/campaigns/${id}/preview`)).json<{ text: string; html: string }>();
    expect(preview.html).toContain('<strong>you</strong>');
    expect(preview.html).not.toContain('<script>');
    expect(preview.text).toContain('Hi <script>alert(1)</script> you');
    expect(preview.text).toMatch(/Unsubscribe in one click:\s+https:\/\/shop\.example\/u\//);
  });

  it('reaches exactly the opted-in people, once each, in paced batches, with readable mail and RFC 8058 headers', async () => {
    const id = await newCampaign({});
    const sent = await staff.c.post(`/api/marketing/campaigns/${id}/send`);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'sending' });
    // Sending again is refused: it is no longer a draft.
    expect((await staff.c.post(`/api/marketing/campaigns/${id}/send`)).statusCode).toBe(409);
    const report = await app.jobs.drain();
    expect(report.failed).toEqual([]);
    // Eight accounts in batches of two: four full batches, then one that finds nobody more.
    expect(report.completed['marketing.send-campaign.v1']).toBe(5);

    const campaign = (await staff.c.get(`/api/marketing/campaigns/${id}`)).json<{ status: string; progress: { examined: number; reached: number } }>();
    expect(campaign).toMatchObject({ status: 'sent', progress: { examined: 8, reached: 1 } });
    const reached = smtp.messages.filter((m) => m.parsed.subject === 'Our December newsletter');
    expect(reached.map((m) => m.to)).toEqual([['ann@example.com']]);

    const mail = reached[0]!.parsed;
    expect(mail.from?.value).toEqual([{ name: 'Meshvault operator', address: 'news@shop.example' }]);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('We print faster now. Read more (https://shop.example/blog/faster)');
    expect(mail.html).toContain('<strong>faster</strong>');
    expect(mail.html).toContain('<li>PETG</li>');
    // Long headers are folded on the wire; a mail client reads them unfolded.
    const headers = reached[0]!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    // No inbound mail listener here: no mailto that nobody would read (unsubscribe-by-mail.test.ts has one).
    expect(headers).toMatch(/^List-Unsubscribe: <https:\/\/shop\.example\/u\/[\w-]+\.[\w-]+\.[\w-]+>\r?$/im);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    // The delivery is logged for ann only (the policy declares marketing interactions).
    expect(await app.db.selectFrom('marketing_deliveries').select(['user_id', 'outcome']).where('campaign_id', '=', id).execute()).toEqual([{ user_id: people.ann!.id, outcome: 'sent' }]);
  });

  it('asks the check at send time, not when the campaign was written', async () => {
    const id = await newCampaign({ subject: 'Second issue' });
    await choose(people.gus!, [choice('newsletter', 'email')]);
    await choose(people.ann!, [choice('newsletter', 'email', false)]);
    expect((await staff.c.post(`/api/marketing/campaigns/${id}/send`)).statusCode).toBe(202);
    await app.jobs.drain();
    expect(smtp.messages.filter((m) => m.parsed.subject === 'Second issue').map((m) => m.to)).toEqual([['gus@example.com']]);
  });

  it('gives every transactional message a text and an HTML part from the operator, marked automatic', async () => {
    const before = smtp.messages.length;
    expect((await people.eve!.c.post('/api/auth/password-reset/request', { email: people.eve!.email })).statusCode).toBeLessThan(300);
    await expect.poll(() => smtp.messages.length).toBeGreaterThan(before);
    const mail = smtp.to(people.eve!.email).at(-1)!.parsed;
    expect(mail.text).toBeTruthy();
    expect(mail.html).toContain('Meshvault operator');
    expect(mail.from?.value).toEqual([{ name: 'Meshvault operator', address: 'news@shop.example' }]);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('makes a phone list only of people opted in to calls, and audits its download', async () => {
    await people.fay!.c.patch('/api/me', { phone: '+352 621 000 111' });
    await people.eve!.c.patch('/api/me', { phone: '+352 621 000 222' });
    await choose(people.fay!, [choice('product_news', 'phone')]);
    const id = await newCampaign({ topic: 'product_news', channel: 'phone', subject: 'Call about product news' });
    expect((await staff.c.post(`/api/marketing/campaigns/${id}/send`)).statusCode).toBe(409);
    const res = await staff.c.get(`/api/marketing/campaigns/${id}/contacts.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body).toBe('name,phone\r\n"Person fay","+352 621 000 111"\r\n');
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'marketing.contact_list_downloaded').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).toContain(people.fay!.id);
  });

  it('shows the person their delivery log and choices on their privacy page, with the retention that applies', async () => {
    const res = await people.gus!.c.get('/api/me/privacy');
    expect(res.statusCode, res.body).toBe(200);
    type Cat = { category: string; retention: { rule: string } | null; tables: Array<{ table: string }> };
    const categories = res.json<{ categories: Cat[] }>().categories;
    const marketing = categories.find((c) => c.category === 'communications.marketing')!;
    expect(marketing.tables.map((t) => t.table)).toEqual(['marketing_deliveries']);
    expect(marketing.retention?.rule).toMatch(/18 months/);
    expect(categories.find((c) => c.category === 'consent.record')!.tables.map((t) => t.table)).toContain('consent_records');
  });
});
