import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, createOrgWithMembers, signedIn, type TestUser } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { defaultWithout, putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { confirmationOf, contactForm, sendMailToListener, solvedChallenge, SUPPORT_TEST_ENV } from './support-test-support.js';

type Ticket = { id: string; status: string; email: string; origin: string; assignee: { id: string } | null; hasAccount: boolean; rightsRequestId: string | null; messages: Array<{ id: string; kind: string; via: string; body: string; attachments: Array<{ id: string; name: string; sizeBytes: number }> }> };

let app: TestApp;
let staff: TestUser;
let officer: TestUser;
let visitor: ReturnType<typeof createClient>;

const ticketCount = async () => Number((await app.db.selectFrom('support_tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const inbox = async (query = '') => (await staff.c.get(`/api/support/tickets${query}`)).json<{ tickets: Ticket[] }>().tickets;
const staffTicket = async (id: string) => (await staff.c.get(`/api/support/tickets/${id}`)).json<{ ticket: Ticket }>().ticket;

beforeAll(async () => {
  app = await createTestApp(SUPPORT_TEST_ENV);
  await app.startJobs();
  staff = await signedIn(app, 'staff', 'sam@meshvault.test');
  officer = await signedIn(app, 'privacy_officer', 'olga@meshvault.test');
  visitor = createClient(app);
}, 60_000);
afterAll(async () => app?.dispose());

describe('contact form and spam', () => {
  it('asks the fields the policy declares and refuses bad input with a message', async () => {
    const form = (await visitor.get('/api/support/form')).json<{ fields: { name: boolean }; topics: string[] }>();
    expect(form.fields.name).toBe(true);
    expect(form.topics).toContain('question');
    const bad = await contactForm(visitor, { email: 'not an address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await contactForm(visitor, { topic: 'gossip' })).statusCode).toBe(400);
    expect(await ticketCount()).toBe(0);
  });

  it('refuses a form without a solved challenge, a forged one and a replayed one, storing nothing', async () => {
    const none = await visitor.post('/api/support/contact', { email: 'bot@example.com', topic: 'question', message: 'Buy now' });
    expect(none.statusCode).toBe(400);
    expect(none.json<{ detail: string }>().detail).toContain('spam check');
    const forged = Buffer.from(JSON.stringify({ challenge: { parameters: { algorithm: 'SHA-256', nonce: 'aa', salt: 'bb', cost: 1, keyLength: 32, keyPrefix: '00' }, signature: 'forged' }, solution: { counter: 1, derivedKey: '00ff' } })).toString('base64');
    expect((await visitor.post('/api/support/contact', { email: 'bot@example.com', topic: 'question', message: 'Buy now', challenge: forged })).statusCode).toBe(400);
    expect((await visitor.post('/api/support/contact', { email: 'bot@example.com', topic: 'question', message: 'Buy now', challenge: 'not base64 json' })).statusCode).toBe(400);
    const challenge = await solvedChallenge(visitor);
    expect((await visitor.post('/api/support/contact', { email: 'once@example.com', topic: 'question', message: 'Hello', challenge })).statusCode).toBe(202);
    const replay = await visitor.post('/api/support/contact', { email: 'twice@example.com', topic: 'question', message: 'Hello again', challenge });
    expect(replay.statusCode).toBe(400);
    expect(replay.json<{ detail: string }>().detail).toContain('used already');
    expect(await ticketCount()).toBe(1);
  });

  it('refuses a flood from one address, whatever client address it comes from, and stores none of it', async () => {
    const before = await ticketCount();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const challenge = await solvedChallenge(visitor);
      const res = await app.http.inject({ method: 'POST', url: '/api/support/contact', remoteAddress: `192.0.2.${i + 1}`, payload: { email: 'Flood@Example.com', topic: 'other', message: `spam ${i}`, challenge } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    expect(await ticketCount()).toBe(before + 3);
  });
});

describe('a visitor writes, staff answer, the visitor answers by mail', () => {
  let ticketId: string;
  let replyTo: string;

  it('keeps the ticket from staff until the visitor confirms the address by the signed link', async () => {
    const photo = Buffer.from('a photo of a warped print');
    const res = await contactForm(visitor, { email: 'Vera@Example.com', attachments: [{ name: 'warp.jpg', contentType: 'image/jpeg', data: photo.toString('base64') }] });
    expect(res.statusCode, res.body).toBe(202);
    ticketId = res.json<{ id: string }>().id;
    expect((await inbox()).map((t) => t.id)).not.toContain(ticketId);
    expect((await staff.c.get(`/api/support/tickets/${ticketId}`)).statusCode).toBe(404);

    const link = await confirmationOf(app, 'vera@example.com');
    expect((await visitor.post('/api/support/contact/confirm', { ...link, signature: `${link.signature.slice(0, -2)}xx` })).statusCode).toBe(400);
    expect((await visitor.post('/api/support/contact/confirm', { ...link, ticket: crypto.randomUUID() })).statusCode).toBe(400);
    expect((await visitor.post('/api/support/contact/confirm', link)).statusCode).toBe(200);
    expect((await visitor.post('/api/support/contact/confirm', link)).statusCode).toBe(200);

    const ticket = await staffTicket(ticketId);
    expect(ticket).toMatchObject({ status: 'open', email: 'vera@example.com', origin: 'web', hasAccount: false });
    expect(ticket.messages).toHaveLength(1);
    const [attachment] = ticket.messages[0]!.attachments;
    expect(attachment).toMatchObject({ name: 'warp.jpg', sizeBytes: photo.length });
    const download = await staff.c.get(`/api/support/attachments/${attachment!.id}`);
    expect(download.rawPayload.equals(photo)).toBe(true);
    // Stored encrypted: the object in the vault is not the photo.
    const stored = await app.db.selectFrom('support_attachments').select(['storage_key', 'wrapped_key']).where('id', '=', attachment!.id).executeTakeFirstOrThrow();
    expect(stored.wrapped_key.length).toBeGreaterThan(20);
    expect((await auditEntries(app, 'support.ticket_read', ticketId)).length).toBeGreaterThan(0);
  });

  it('refuses an expired confirmation link', async () => {
    await contactForm(visitor, { email: 'late@example.com' });
    const link = await confirmationOf(app, 'late@example.com');
    app.clock.advance(73 * 3600_000);
    expect((await visitor.post('/api/support/contact/confirm', link)).statusCode).toBe(400);
  });

  it('assigns, keeps canned replies, notes for staff only, and mails the reply from the ticket reply address', async () => {
    const canned = await staff.c.post('/api/support/canned-replies', { title: 'PETG', body: 'Yes, we print in PETG.' });
    expect(canned.statusCode, canned.body).toBe(201);
    expect((await staff.c.get('/api/support/canned-replies')).json<{ replies: Array<{ title: string }> }>().replies.map((r) => r.title)).toContain('PETG');
    expect((await staff.c.post('/api/support/canned-replies', { title: '' })).statusCode).toBe(400);

    const assigned = await staff.c.patch(`/api/support/tickets/${ticketId}`, { assigneeId: staff.id, topic: 'project' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await inbox('?assignee=me')).map((t) => t.id)).toContain(ticketId);
    expect((await inbox('?assignee=unassigned')).map((t) => t.id)).not.toContain(ticketId);
    const customer = await signedIn(app, 'customer');
    expect((await staff.c.patch(`/api/support/tickets/${ticketId}`, { assigneeId: customer.id })).statusCode).toBe(422);
    expect((await staff.c.patch(`/api/support/tickets/${ticketId}`, {})).statusCode).toBe(400);
    expect((await customer.c.get('/api/support/tickets')).statusCode).toBe(403);

    expect((await staff.c.post(`/api/support/tickets/${ticketId}/messages`, { kind: 'note', body: 'Customer seems nice.' })).statusCode).toBe(201);
    const replied = await staff.c.post(`/api/support/tickets/${ticketId}/messages`, { kind: 'reply', body: 'Yes, we print in PETG. Which colour?' });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json<{ ticket: Ticket }>().ticket.status).toBe('pending');

    const [mail] = await app.services.mail.list({ limit: 1, to: 'vera@example.com' });
    expect(mail).toMatchObject({ kind: 'support.reply' });
    expect(mail!.body_text).toContain('Which colour?');
    expect(mail!.body_text).not.toContain('seems nice');
    expect(mail!.reply_to).toMatch(/^support\+[a-z2-7]{20,}@meshvault\.test$/);
    expect(mail!.message_id).toMatch(/^<[\w-]+@meshvault\.test>$/);
    replyTo = mail!.reply_to!;
  });

  it('threads the visitor mailed answer (real SMTP) into the ticket by the reply address, with its attachment', async () => {
    const drawing = Buffer.from('solid part\nendsolid part\n');
    const before = await ticketCount();
    await sendMailToListener(app, { from: 'Vera <vera@example.com>', to: replyTo, text: 'Blue, please.\n\nOn Fri, Sam wrote:\n> Which colour?\n', attachments: [{ filename: 'part.stl', content: drawing }] });
    const ticket = await staffTicket(ticketId);
    expect(ticket.status).toBe('open');
    const last = ticket.messages.at(-1)!;
    expect(last).toMatchObject({ kind: 'in', via: 'mail', body: 'Blue, please.' });
    expect(last.attachments.map((a) => a.name)).toEqual(['part.stl']);
    expect((await staff.c.get(`/api/support/attachments/${last.attachments[0]!.id}`)).rawPayload.equals(drawing)).toBe(true);
    expect(await ticketCount()).toBe(before);
  });

  it('threads by In-Reply-To from the ticket address, keeps HTML as text, and opens a new ticket for anyone else', async () => {
    const { message_id: ours } = (await app.services.mail.list({ limit: 10, to: 'vera@example.com' })).find((m) => m.kind === 'support.reply')!;
    await sendMailToListener(app, { from: 'vera@example.com', to: 'support@meshvault.test', inReplyTo: ours!, html: '<p>And <b>matte</b> finish.</p><script>alert(1)</script>' });
    const ticket = await staffTicket(ticketId);
    const last = ticket.messages.at(-1)!;
    expect(last.body).toContain('And matte finish.');
    expect(last.body).not.toMatch(/<|alert/);

    const before = await ticketCount();
    await sendMailToListener(app, { from: 'mallory@example.net', to: 'support@meshvault.test', inReplyTo: ours!, text: 'I am not Vera.' });
    expect(await ticketCount()).toBe(before + 1);
    expect((await staffTicket(ticketId)).messages.at(-1)!.body).not.toContain('not Vera');
    // An automatic reply (out of office) is not a message: no ticket, no answer that could loop.
    await sendMailToListener(app, { from: 'robot@example.net', to: 'support@meshvault.test', text: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(await ticketCount()).toBe(before + 1);
  });

  it('refuses mail for other addresses at the listener (no open relay)', async () => {
    await expect(sendMailToListener(app, { from: 'vera@example.com', to: 'someone@elsewhere.example', text: 'relay me' })).rejects.toThrow(/550|No such mailbox/);
  });

  it('resolves and closes', async () => {
    const resolved = await staff.c.patch(`/api/support/tickets/${ticketId}`, { status: 'resolved' });
    expect(resolved.json<{ ticket: Ticket }>().ticket.status).toBe('resolved');
    expect((await inbox('?status=resolved')).map((t) => t.id)).toContain(ticketId);
    expect((await inbox('?status=active')).map((t) => t.id)).not.toContain(ticketId);
    expect((await auditEntries(app, 'support.ticket_changed', ticketId)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('a customer in the web app', () => {
  it('writes from their own address without a confirmation, follows and answers; staff notes stay hidden', async () => {
    const customer = await signedIn(app, 'customer', 'cora@example.com');
    const res = await contactForm(customer.c, { email: 'cora@example.com', name: undefined });
    expect(res.json<{ confirmationSent: boolean }>().confirmationSent).toBe(false);
    const id = res.json<{ id: string }>().id;
    await staff.c.post(`/api/support/tickets/${id}/messages`, { kind: 'note', body: 'internal only' });
    await staff.c.post(`/api/support/tickets/${id}/messages`, { kind: 'reply', body: 'Hello Cora' });
    const mine = (await customer.c.get('/api/me/support/tickets')).json<{ tickets: Ticket[] }>().tickets;
    expect(mine.map((t) => t.id)).toEqual([id]);
    const ticket = (await customer.c.get(`/api/me/support/tickets/${id}`)).json<{ ticket: Ticket }>().ticket;
    expect(ticket.messages.map((m) => m.kind)).toEqual(['in', 'out']);
    const answered = await customer.c.post(`/api/me/support/tickets/${id}/messages`, { body: 'Thanks!' });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json<{ ticket: Ticket }>().ticket.status).toBe('open');
    const other = await signedIn(app, 'customer');
    expect((await other.c.get(`/api/me/support/tickets/${id}`)).statusCode).toBe(404);
    expect((await other.c.post(`/api/me/support/tickets/${id}/messages`, { body: 'hi' })).statusCode).toBe(404);
  });
});

describe('a privacy request by mail', () => {
  it('runs the erasure flow with the deadline counted from the mail arrival', async () => {
    const person = await signedIn(app, 'customer', 'erik@example.com');
    const arrival = app.clock.now();
    await sendMailToListener(app, { from: 'erik@example.com', to: 'support@meshvault.test', subject: 'Delete me', text: 'Please delete all my data.' });
    const ticket = (await inbox()).find((t) => t.email === 'erik@example.com')!;
    expect(ticket).toMatchObject({ origin: 'mail', hasAccount: true });
    app.clock.advance(10 * 86_400_000);

    expect((await staff.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'erasure', jurisdiction: 'eu' })).statusCode).toBe(403);
    expect((await officer.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'erasure', jurisdiction: 'mars' })).statusCode).toBe(422);
    expect((await officer.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'shred', jurisdiction: 'eu' })).statusCode).toBe(400);
    const filed = await officer.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'erasure', jurisdiction: 'eu' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { request } = filed.json<{ request: { id: string; receivedOn: string; dueOn: string } }>();
    const receivedOn = arrival.toISOString().slice(0, 10);
    expect(request.receivedOn).toBe(receivedOn);
    expect(request.dueOn).toBe((await app.services.policy.values()).dueDate('eu', receivedOn));
    expect((await officer.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'erasure', jurisdiction: 'eu' })).statusCode).toBe(409);
    const [told] = await app.services.mail.list({ limit: 1, to: 'erik@example.com' });
    expect(told).toMatchObject({ kind: 'support.privacy_request_filed' });
    expect(told!.body_text).toContain(request.dueOn);

    const queued = (await officer.c.get('/api/privacy-officer/requests?status=pending')).json<{ requests: Array<{ id: string; dueOn: string; receivedOn: string }> }>().requests;
    expect(queued.find((r) => r.id === request.id)).toMatchObject({ receivedOn, dueOn: request.dueOn });
    const erased = await officer.c.post(`/api/privacy-officer/requests/${request.id}/erase`);
    expect(erased.statusCode, erased.body).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const { erasureId } = erased.json<{ erasureId: string }>();
    const erasure = await app.db.selectFrom('erasures').select(['status', 'certificate']).where('id', '=', erasureId).executeTakeFirstOrThrow();
    expect(erasure.status).toBe('completed');
    expect(JSON.stringify(erasure.certificate)).toContain('communications.support');
    // The conversation went with the person: the ticket, its messages.
    expect(await app.db.selectFrom('support_tickets').select('id').where('id', '=', ticket.id).executeTakeFirst()).toBeUndefined();
    expect(await app.db.selectFrom('support_messages').select('id').where('ticket_id', '=', ticket.id).execute()).toEqual([]);
    expect(person.id).toBeTruthy();
  });
});

describe('a privacy request of a managed member (seed 002)', () => {
  it('is visible to the organisation administrators where the policy says so, and the member is told', async () => {
    const operator = await signedIn(app, 'admin');
    const boss = await signedIn(app, 'customer', 'boss@acme.example');
    const member = await signedIn(app, 'customer', 'mo@acme.example');
    const orgId = await createOrgWithMembers(app, { operatorId: operator.id, name: 'Acme Ltd', adminId: boss.id, adminEmail: boss.email, members: [{ id: member.id, email: member.email }] });
    expect((await app.services.policy.current()).manifest.rights.methods).toContain('organisation_admin');
    await sendMailToListener(app, { from: member.email, to: 'support@meshvault.test', text: 'Send me a copy of my data.' });
    const ticket = (await inbox()).find((t) => t.email === member.email)!;
    const filed = await officer.c.post(`/api/support/tickets/${ticket.id}/privacy-request`, { kind: 'access', jurisdiction: 'eu' });
    expect(filed.statusCode, filed.body).toBe(201);
    const requestId = filed.json<{ request: { id: string } }>().request.id;
    const [told] = await app.services.mail.list({ limit: 1, to: member.email });
    expect(told?.body_text).toContain('Acme Ltd: as our privacy policy says, its administrators can see this request');

    const seen = await boss.c.get(`/api/orgs/${orgId}/member-requests`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<{ requests: Array<{ id: string; memberId: string; kind: string }> }>().requests).toEqual([expect.objectContaining({ id: requestId, memberId: member.id, kind: 'access' })]);
    expect((await auditEntries(app, 'rights.member_requests_listed', orgId)).length).toBe(1);
    expect((await member.c.get(`/api/orgs/${orgId}/member-requests`)).statusCode).toBe(403);
    expect((await (await signedIn(app, 'customer')).c.get(`/api/orgs/${orgId}/member-requests`)).statusCode).toBe(404);
  });
});

describe('a policy without support communications', () => {
  it('switches the desk off: the form and the inbox answer feature_off and the listener refuses mail', async () => {
    await putPolicyInForce(app, defaultWithout('communications.support'));
    const before = await ticketCount();
    const form = await visitor.get('/api/support/form');
    expect(form.statusCode).toBe(404);
    expect(form.json<{ code: string }>().code).toBe('feature_off');
    expect((await staff.c.get('/api/support/tickets')).json<{ code: string }>().code).toBe('feature_off');
    await expect(sendMailToListener(app, { from: 'vera@example.com', to: 'support@meshvault.test', text: 'Hello?' })).rejects.toThrow(/550/);
    expect(await ticketCount()).toBe(before);
  });
});

describe('contact forms nobody confirmed', () => {
  it('are discarded with their attachments once the link has expired', async () => {
    // The policy of the previous test switched the desk off: its jobs do not run while it is off.
    await putPolicyInForce(app, (await app.db.selectFrom('manifest_versions').select('yaml').orderBy('version').executeTakeFirstOrThrow()).yaml);
    const res = await contactForm(visitor, { email: 'never@example.com', attachments: [{ name: 'x.txt', contentType: 'text/plain', data: Buffer.from('x').toString('base64') }] });
    const id = res.json<{ id: string }>().id;
    const { storage_key } = await app.db.selectFrom('support_attachments').select('storage_key').where('ticket_id', '=', id).executeTakeFirstOrThrow();
    const job = app.moduleJobs.find((j) => j.job.name === 'support.purge-unconfirmed')!.job;
    await app.jobs.send(job, {});
    expect((await app.jobs.drain()).failed).toEqual([]);
    expect(await app.db.selectFrom('support_tickets').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    app.clock.advance(73 * 3600_000);
    await app.jobs.send(job, {});
    expect((await app.jobs.drain()).failed).toEqual([]);
    expect(await app.db.selectFrom('support_tickets').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await app.db.selectFrom('support_attachments').select('id').where('ticket_id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await createLocalStorageDriver({ rootDir: app.config.filesDir }).stat(storage_key)).toBeNull();
    expect((await auditEntries(app, 'support.unconfirmed_discarded', id)).length).toBe(1);
  });
});

describe('a policy that does not declare names', () => {
  it('asks no name on the form, refuses one sent anyway, and stores none', async () => {
    await putPolicyInForce(app, defaultWithout('contact.name'));
    const form = (await visitor.get('/api/support/form')).json<{ fields: { name: boolean } }>();
    expect(form.fields.name).toBe(false);
    const before = await ticketCount();
    const named = await contactForm(visitor, { email: 'nameless@example.com' });
    expect(named.statusCode).toBe(422);
    expect(named.json<{ detail: string }>().detail).toContain('contact.name');
    expect(await ticketCount()).toBe(before);
    const res = await contactForm(visitor, { email: 'nameless@example.com', name: undefined });
    expect(res.statusCode, res.body).toBe(202);
    expect(await app.db.selectFrom('support_tickets').select('name').where('id', '=', res.json<{ id: string }>().id).executeTakeFirstOrThrow()).toEqual({ name: null });
  });
});
