/**
 * The support desk in Chromium against the real server: a visitor sends the contact form (the
 * browser solves the spam check) with an attachment, confirms the address from the e-mail; staff
 * answer from the inbox with a canned reply; the visitor's mailed answer, sent over SMTP to the
 * inbound listener, threads into the ticket; staff resolve it. A privacy officer files a ticket that
 * came by e-mail as an erasure request, dated from the mail's arrival. Screenshots go to
 * test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMailToListener, SUPPORT_TEST_ENV } from '../../src/modules/support/support-test-support.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, signIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const STAFF = { email: 'sam@example.test', name: 'Sam Support', password: 'staff password for e2e' };
const OFFICER = { email: 'dpo@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const CUSTOMER = { email: 'erik@example.test', name: 'Erik Erase', password: 'customer password for e2e' };
const VISITOR = { email: 'vera@example.test', name: 'Vera Visitor' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('support desk in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    // A real proof of work, small enough to stay quick in the browser.
    const served = await serveTestApp({ jobs: true, env: { ...SUPPORT_TEST_ENV, MESHVAULT_SUPPORT_CHALLENGE_COST: '20' } });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    await app.services.accounts.createUser(CLI, { ...STAFF, role: 'staff' }, ctx);
    await app.services.accounts.createUser(CLI, { ...OFFICER, role: 'privacy_officer' }, ctx);
    await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx);
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.stopJobs(10_000);
    await app?.dispose();
  });

  it('contact form -> confirmation link -> staff reply -> mailed answer threads in -> resolved', async () => {
    const visitor = await browsers.open();
    const page = visitor.page;
    await page.goto('/contact');
    await page.getByRole('heading', { level: 1, name: 'Contact us' }).waitFor();
    await page.getByLabel('Your name').fill(VISITOR.name);
    await page.getByLabel('E-mail address').fill(VISITOR.email);
    await page.getByLabel('What is it about?').selectOption('project');
    await page.getByRole('textbox', { name: 'Message' }).fill('My print arrived warped. Photo attached.');
    await page.getByLabel(/Attachments/).setInputFiles({ name: 'warp.txt', mimeType: 'text/plain', buffer: Buffer.from('a warped print') });
    await screenshot(page, 'support-1-contact-form');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText(`We sent a link to ${VISITOR.email}.`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'support-2-check-email');

    const [confirmMail] = await app.services.mail.list({ limit: 1, to: VISITOR.email });
    const link = /https?:\/\/[^\s]+\/support\/confirm\?[^\s]+/.exec(confirmMail!.body_text)![0];
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByRole('button', { name: 'Confirm my message' }).click();
    await page.getByText('Thank you: your message is confirmed.').waitFor();
    await screenshot(page, 'support-3-confirmed');

    const staff = await browsers.open();
    await signIn(staff.page, STAFF);
    await clickNavLink(staff.page, 'Support inbox');
    await staff.page.getByRole('heading', { level: 1, name: 'Support inbox' }).waitFor();
    const canned = staff.page.getByRole('form', { name: 'New canned reply' });
    await canned.getByLabel('Title').fill('Warped print');
    await canned.getByLabel('Reply').fill('Sorry about that! We will reprint it at no cost. Which colour was it?');
    await canned.getByRole('button', { name: 'Save canned reply' }).click();
    await staff.page.getByRole('list', { name: 'Canned replies' }).getByText('Warped print').waitFor();
    await staff.page.getByRole('list', { name: 'Tickets' }).getByRole('link', { name: VISITOR.name }).click();
    await staff.page.getByText('My print arrived warped. Photo attached.').waitFor();
    await staff.page.getByRole('link', { name: 'warp.txt' }).waitFor();
    await staff.page.getByLabel('Start from a canned reply').selectOption({ label: 'Warped print' });
    await staff.page.getByRole('button', { name: 'Send reply' }).click();
    await staff.page.getByText('Reply sent by e-mail.').waitFor();
    await staff.page.getByLabel('Kind').selectOption('note');
    await staff.page.getByRole('form', { name: 'Reply' }).getByLabel('Message').fill('Check the packaging with the courier.');
    await staff.page.getByRole('button', { name: 'Add note' }).click();
    await staff.page.getByText('Note added.').waitFor();
    await screenshot(staff.page, 'support-4-staff-replied');

    const reply = (await app.services.mail.list({ limit: 5, to: VISITOR.email })).find((m) => m.kind === 'support.reply')!;
    expect(reply.body_text).toContain('Which colour was it?');
    expect(reply.body_text).not.toContain('courier');
    await sendMailToListener(app, { from: `${VISITOR.name} <${VISITOR.email}>`, to: reply.reply_to!, inReplyTo: reply.message_id!, text: 'It was blue. Thank you!\n\n> Which colour was it?\n' });

    await staff.page.reload();
    await staff.page.getByText('It was blue. Thank you!').waitFor();
    await staff.page.getByText(/wrote by e-mail/).waitFor();
    await staff.page.getByRole('form', { name: 'Handling' }).getByLabel('Status').selectOption('resolved');
    await staff.page.getByRole('button', { name: 'Save', exact: true }).click();
    await staff.page.getByText('Saved.').waitFor();
    await staff.page.getByRole('main').getByText('Resolved').first().waitFor();
    await screenshot(staff.page, 'support-5-threaded-and-resolved');
    expect(visitor.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
  }, 180_000);

  it('a customer follows a conversation in the app and answers there', async () => {
    const customer = await browsers.open();
    await signIn(customer.page, CUSTOMER);
    await clickNavLink(customer.page, 'Contact');
    // Signed in, the form knows who writes: no confirmation link is needed for the account's own address.
    await customer.page.getByLabel('What is it about?').selectOption('question');
    await customer.page.getByRole('textbox', { name: 'Message' }).fill('Do you print in PETG?');
    await customer.page.getByRole('button', { name: 'Send message' }).click();
    await customer.page.getByText('We received your message and will answer by e-mail.').waitFor({ timeout: 60_000 });
    const ticket = (await app.services.support.listMyTickets({ userId: (await app.db.selectFrom('users').select('id').where('email', '=', CUSTOMER.email).executeTakeFirstOrThrow()).id, sessionId: 'e2e', role: 'customer' }, ctx))[0]!;
    const staffId = (await app.db.selectFrom('users').select('id').where('email', '=', STAFF.email).executeTakeFirstOrThrow()).id;
    await app.services.support.postStaffMessage({ userId: staffId, sessionId: 'e2e', role: 'staff' }, ticket.id, { kind: 'note', body: 'Staff only: check stock.' }, ctx);
    await app.services.support.postStaffMessage({ userId: staffId, sessionId: 'e2e', role: 'staff' }, ticket.id, { kind: 'reply', body: 'Yes, in six colours.' }, ctx);
    await customer.page.getByRole('link', { name: 'Follow the conversation' }).click();
    await customer.page.getByText('Yes, in six colours.').waitFor();
    expect(await customer.page.getByText('Staff only: check stock.').count()).toBe(0);
    await customer.page.getByLabel('Your answer').fill('Great, blue please.');
    await customer.page.getByRole('button', { name: 'Send', exact: true }).click();
    await customer.page.getByRole('list', { name: 'Conversation' }).getByText('Great, blue please.').waitFor();
    await screenshot(customer.page, 'support-7-customer-conversation');
    await customer.page.getByRole('link', { name: 'All your conversations' }).click();
    await customer.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: 'A question' }).waitFor();
    expect(customer.problems).toEqual([]);
  }, 120_000);

  it('an officer files a mailed request as an erasure request dated from its arrival', async () => {
    const arrival = app.clock.now();
    await sendMailToListener(app, { from: CUSTOMER.email, to: app.config.support.address, subject: 'Delete my data', text: 'Please delete my account and all my data.' });
    app.clock.advance(5 * 86_400_000);
    const officer = await browsers.open();
    await signIn(officer.page, OFFICER);
    await officer.page.goto('/staff/support');
    await officer.page.getByRole('list', { name: 'Tickets' }).getByRole('link', { name: CUSTOMER.email }).click();
    await officer.page.getByText('Please delete my account and all my data.').waitFor();
    const panel = officer.page.getByRole('form', { name: 'File as a privacy request' });
    await panel.getByLabel('Request').selectOption('erasure');
    await panel.getByLabel('Where the person lives').selectOption('eu');
    await panel.getByRole('button', { name: 'File as a privacy request' }).click();
    const receivedOn = arrival.toISOString().slice(0, 10);
    const dueOn = (await app.services.policy.values()).dueDate('eu', receivedOn);
    const when = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' });
    await officer.page.getByText(`Filed: received on ${when(receivedOn)}, due by ${when(dueOn)}.`).waitFor();
    await screenshot(officer.page, 'support-6-filed-as-privacy-request');

    const request = await app.db.selectFrom('rights_requests').select(['id', 'received_on', 'due_on', 'kind']).where('email', '=', CUSTOMER.email).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ received_on: receivedOn, due_on: dueOn, kind: 'erasure' });
    expect(officer.problems).toEqual([]);
  }, 120_000);
});
