import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { contactForm, SUPPORT_TEST_ENV } from './support-test-support.js';

const DAY = 86_400_000;
let app: TestApp;
let staff: TestUser;
let officer: TestUser;
let cora: TestUser;
let dave: TestUser;
let coraTicket: string;
let daveTicket: string;
let coraObject: string;

const count = async (query: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(query)}`.execute(app.db)).rows[0]?.n);

async function ticketOf(user: TestUser, message: string) {
  const res = await contactForm(user.c, { email: user.email, message, attachments: [{ name: 'note.txt', contentType: 'text/plain', data: Buffer.from(`attached by ${user.email}`).toString('base64') }] });
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json<{ id: string }>().id;
  expect((await staff.c.post(`/api/support/tickets/${id}/messages`, { kind: 'reply', body: `Hello ${user.email}` })).statusCode).toBe(201);
  return id;
}

beforeAll(async () => {
  app = await createTestApp(SUPPORT_TEST_ENV);
  await app.startJobs();
  staff = await signedIn(app, 'staff');
  officer = await signedIn(app, 'privacy_officer');
  cora = await signedIn(app, 'customer', 'cora@example.com');
  dave = await signedIn(app, 'customer', 'dave@example.com');
  coraTicket = await ticketOf(cora, 'Where is my order?');
  daveTicket = await ticketOf(dave, 'My invoice is wrong.');
  coraObject = (await app.db.selectFrom('support_attachments').select('storage_key').where('ticket_id', '=', coraTicket).executeTakeFirstOrThrow()).storage_key;
}, 60_000);
afterAll(async () => app?.dispose());

describe('support tickets and the data rights', () => {
  it('puts the person tickets and messages in their export, without tokens or keys', async () => {
    const res = await cora.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    const exportId = res.json<{ id: string }>().id;
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: cora.email });
    const token = /\/account\/exports\/[\w-]+\?token=([\w.-]+)/.exec(message?.body_text ?? '')?.[1];
    const download = await cora.c.get(`/api/exports/${exportId}/download?token=${token}`);
    expect(download.statusCode, download.body.slice(0, 200)).toBe(200);
    const zip = await unzipEntries(download.rawPayload);
    const tickets = zip.get('tables/support_tickets.csv')?.toString() ?? '';
    const messages = zip.get('tables/support_messages.csv')?.toString() ?? '';
    expect(tickets).toContain('cora@example.com');
    expect(tickets).not.toContain('dave@example.com');
    expect(messages).toContain('Where is my order?');
    expect(messages, messages).toContain("Hello cora@example.com");
    expect(zip.get('tables/support_attachments.csv')?.toString()).toContain('note.txt');
    const token_ = (await app.db.selectFrom('support_tickets').select('token').where('id', '=', coraTicket).executeTakeFirstOrThrow()).token;
    expect(tickets).not.toContain(token_);
    expect(zip.get('tables/support_attachments.csv')?.toString()).not.toContain('wrapped_key');
    // The attachment itself, decrypted, not only its metadata; none of Dave's.
    const files = [...zip.keys()].filter((path) => path.startsWith('attachments/'));
    expect(files).toEqual([expect.stringMatching(/^attachments\/support_attachments\/[0-9a-f-]{36}-note\.txt$/)]);
    expect(zip.get(files[0]!)?.toString()).toBe('attached by cora@example.com');
    expect(zip.get('README.txt')?.toString()).toContain(files[0]);
  });

  it('erases them with the person, and shreds the attachments', async () => {
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, cora.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await count(`support_tickets where id = '${coraTicket}'`)).toBe(0);
    expect(await count(`support_messages where ticket_id = '${coraTicket}'`)).toBe(0);
    expect(await count(`support_attachments where ticket_id = '${coraTicket}'`)).toBe(0);
    expect(await createLocalStorageDriver({ rootDir: app.config.filesDir }).stat(coraObject)).toBeNull();
    // Dave's conversation is untouched.
    expect(await count(`support_messages where ticket_id = '${daveTicket}'`)).toBe(2);
  });

  it('keeps them under a legal hold on the person', async () => {
    const hold = await officer.c.post('/api/privacy-officer/legal-holds', { reason: 'Invoice dispute', scope: 'person', scopeId: dave.id });
    expect(hold.statusCode, hold.body).toBe(201);
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, dave.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await count(`support_tickets where id = '${daveTicket}'`)).toBe(1);
    expect(await count(`support_messages where ticket_id = '${daveTicket}'`)).toBe(2);
    expect(await count(`support_attachments where ticket_id = '${daveTicket}'`)).toBe(1);
    await officer.c.post(`/api/privacy-officer/legal-holds/${hold.json<{ id: string }>().id}/release`);
  });

  it('removes a conversation once the manifest retention from its last message has passed', async () => {
    const visitor = createClient(app);
    const res = await contactForm(visitor, { email: 'old@example.com', message: 'An old question' });
    const oldTicket = res.json<{ id: string }>().id;
    const fresh = await contactForm(visitor, { email: 'new@example.com', message: 'A recent question' });
    const freshTicket = fresh.json<{ id: string }>().id;
    // The ticket's last message was written more than the manifest's period ago (its newest message is the clock).
    const rule = (await app.services.policy.current()).manifest.retention.find((r) => r.categories.includes('communications.support'))!;
    expect(rule).toBeDefined();
    await app.db.updateTable('support_tickets').set({ last_message_at: new Date(app.clock.now().getTime() - 5 * 366 * DAY) }).where('id', '=', oldTicket).execute();
    const plan = await app.services.retention.planRetention();
    expect(plan.items.some((i) => i.table === 'support_messages' && i.rows >= 1)).toBe(true);
    await app.services.retention.runRetention();
    expect(await count(`support_tickets where id = '${oldTicket}'`)).toBe(0);
    expect(await count(`support_messages where ticket_id = '${oldTicket}'`)).toBe(0);
    expect(await count(`support_tickets where id = '${freshTicket}'`)).toBe(1);
  });
});
