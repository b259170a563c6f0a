/**
 * A privacy officer fulfils requests from the queue in Chromium against the real server: a customer
 * asks for their data and for deletion through the public form; the officer sends the export (the
 * customer's link downloads a ZIP), records disclosures to an authority and a third party (the
 * customer reads them on My data), is told why a request without an account cannot be erased, and
 * erases the customer's account after typing the address (the certificate is mailed, the account
 * is gone). Mail goes to an SMTP catcher, since the erasure removes the person's outbox rows.
 * Screenshots go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCatcher } from '../../src/modules/rights/rights-test-support.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, type Browser, signIn, browserPool } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OFFICER = { email: 'dpo@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const CUSTOMER = { email: 'cleo@example.test', name: 'Cleo Customer', password: 'customer password for e2e' };
const STRANGER = { email: 'nora@example.test', name: 'Nora Noaccount' };
const AUTHORITY = { recipient: 'Tax Office of Example', legalBasis: 'Information request under section 93 of the Fiscal Code', reference: 'TO-2026-0417' };
const INSURER = { recipient: 'Example Mutual Insurance', legalBasis: 'Claim settlement the customer asked for in writing' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('privacy officer actions in Chromium', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let app: TestApp;
  let baseURL: string;
  let customerId: string;
  let officer: Browser;
  const browsers = browserPool(() => baseURL);
  const open = browsers.open;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_SMTP_URL: smtp.url } });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    await app.services.accounts.createUser(CLI, { ...OFFICER, role: 'privacy_officer' }, ctx);
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
    officer = await open();
    await signIn(officer.page, OFFICER);
  }, 90_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.stopJobs(10_000);
    await app?.dispose();
    await smtp?.close();
  });


  /** Sends the public form and confirms it from the e-mailed link, as the person would. */
  async function makeRequest(page: Page, who: { name: string; email: string }, kind: 'access' | 'erasure', details: string) {
    await page.goto('/privacy/requests');
    await page.getByRole('heading', { level: 1, name: 'Make a privacy request' }).waitFor();
    await page.getByLabel('Your name').fill(who.name);
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('What are you asking for?').selectOption(kind);
    await page.getByLabel('Where do you live?').selectOption({ index: 1 });
    await page.getByLabel('Details').fill(details);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText(`We sent a link to ${who.email}.`).waitFor();
    const [message] = await app.services.mail.list({ limit: 1, to: who.email });
    const token = /requests\/confirm\?token=([\w-]+)/.exec(message?.body_text ?? '')?.[1];
    expect(token).toBeTruthy();
    await page.goto(`/privacy/requests/confirm?token=${token ?? ''}`);
    await page.getByRole('button', { name: 'Confirm my request' }).click();
    await page.getByText(/^Your request \(.*\) is confirmed\. We will answer by /).waitFor();
  }

  async function openQueue() {
    const o = officer.page;
    await o.goto('/privacy-officer/requests');
    await o.getByRole('heading', { level: 1, name: 'Privacy requests' }).waitFor();
    return o;
  }

  it('a customer with an account asks for a copy and for deletion, and someone without one for deletion', async () => {
    const visitor = await open();
    await makeRequest(visitor.page, CUSTOMER, 'access', 'Please send me everything you hold about me.');
    await makeRequest(visitor.page, CUSTOMER, 'erasure', 'Please delete my account and data.');
    await makeRequest(visitor.page, STRANGER, 'erasure', 'Delete whatever you have about me.');
    const rows = await app.db.selectFrom('rights_requests').select(['kind', 'status', 'user_id']).where('email', 'in', [CUSTOMER.email, STRANGER.email]).orderBy('created_at').execute();
    expect(rows).toEqual([
      { kind: 'access', status: 'open', user_id: customerId },
      { kind: 'erasure', status: 'open', user_id: customerId },
      { kind: 'erasure', status: 'open', user_id: null },
    ]);
    expect(visitor.problems).toEqual([]);
  }, 90_000);

  it('the officer sends the export for the access request; the link mailed to the customer downloads the ZIP', async () => {
    const o = await openQueue();
    const access = o.getByRole('listitem', { name: `See a copy of my data from ${CUSTOMER.name}` });
    const erasure = o.getByRole('listitem', { name: `Delete my data from ${CUSTOMER.name}` });
    // Each request offers what fits it: an export for a copy, an erasure for a deletion.
    await access.getByRole('button', { name: `Send the data export to ${CUSTOMER.name}` }).waitFor();
    expect(await access.getByRole('button', { name: /^Erase/ }).count()).toBe(0);
    expect(await erasure.getByRole('button', { name: /^Send the data export/ }).count()).toBe(0);
    await erasure.getByRole('button', { name: `Erase the account of ${CUSTOMER.name}…` }).waitFor();
    await screenshot(o, 'officer-actions-1-queue');

    await access.getByRole('button', { name: `Send the data export to ${CUSTOMER.name}` }).click();
    await access.getByText(`Send ${CUSTOMER.name} a copy of their data?`).waitFor();
    await screenshot(o, 'officer-actions-2-export-confirm');
    await access.getByRole('button', { name: 'Send the data export' }).click();
    await o.getByText(`Export started for ${CUSTOMER.name}: the download link will be e-mailed to ${CUSTOMER.email}.`, { exact: false }).waitFor();
    await access.getByText('In progress').waitFor();
    // Sent once; answering it is what is left.
    expect(await access.getByRole('button', { name: /^Send the data export/ }).count()).toBe(0);
    await access.getByRole('button', { name: `Complete the request from ${CUSTOMER.name}` }).waitFor();

    // The export job runs now; its mail is handed to SMTP when its work commits, before drain() returns.
    expect((await app.jobs.drain()).failed).toEqual([]);
    const mail = smtp.messages.find((m) => m.to.includes(CUSTOMER.email) && m.data.includes('The data export you asked for is ready'));
    if (!mail) throw new Error('the export link mail was not sent');
    // Quoted-printable mail may wrap the link: undo soft line breaks before reading it.
    const body = mail.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    // The mail links to the web page; the page spends the same token on the download.
    const [, exportId, token] = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(body) ?? [];
    const path = exportId && token ? `/api/exports/${exportId}/download?token=${token}` : undefined;
    expect(path).toBeTruthy();
    const customer = await open();
    await signIn(customer.page, CUSTOMER);
    const download = await customer.page.request.get(path ?? '');
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await customer.close();
    expect(officer.problems).toEqual([]);
  }, 90_000);

  it('the officer records disclosures from the request and by e-mail address; the customer reads them on My data', async () => {
    const o = await openQueue();
    const access = o.getByRole('listitem', { name: `See a copy of my data from ${CUSTOMER.name}` });
    await access.getByRole('button', { name: `Record a disclosure about ${CUSTOMER.name}` }).click();
    const form = access.getByRole('form', { name: `Record a disclosure about ${CUSTOMER.name}` });
    // The kinds of data are the policy's, in its words; none chosen is refused before sending.
    await form.getByLabel('E-mail address').waitFor();
    await form.getByLabel('Recipient').fill(AUTHORITY.recipient);
    await form.getByLabel('Legal basis').fill(AUTHORITY.legalBasis);
    await form.getByRole('button', { name: 'Record the disclosure' }).click();
    await form.getByText('Choose at least one kind of data.').waitFor();
    await form.getByLabel('Disclosed to').selectOption('authority');
    await form.getByLabel('Name', { exact: true }).check();
    await form.getByLabel('E-mail address').check();
    await form.getByLabel('Reference').fill(AUTHORITY.reference);
    await screenshot(o, 'officer-actions-3-disclosure-form');
    await form.getByRole('button', { name: 'Record the disclosure' }).click();
    await o.getByText(`Disclosure to ${AUTHORITY.recipient} recorded for ${CUSTOMER.name}; it is shown in the disclosure log of their privacy page.`).waitFor();

    // Someone with no request in the queue is named by address; a wrong address records nothing.
    const section = o.getByRole('region', { name: 'Disclosures' });
    await section.getByRole('button', { name: 'Record a disclosure by e-mail address…' }).click();
    await section.getByLabel('E-mail address of the person’s account').fill('cleo@example.invalid');
    await section.getByLabel('Disclosed to').selectOption('third_party');
    await section.getByLabel('Recipient').fill(INSURER.recipient);
    await section.getByLabel('Legal basis').fill(INSURER.legalBasis);
    await section.getByLabel('Name', { exact: true }).check();
    await section.getByRole('button', { name: 'Record the disclosure' }).click();
    await section.getByText('No account uses this e-mail address. Check the spelling; nothing was recorded.').waitFor();
    await screenshot(o, 'officer-actions-4-unknown-address');
    await section.getByLabel('E-mail address of the person’s account').fill(CUSTOMER.email);
    await section.getByRole('button', { name: 'Record the disclosure' }).click();
    await section.getByText(`Disclosure to ${INSURER.recipient} recorded for ${CUSTOMER.email};`, { exact: false }).waitFor();

    const stored = await app.db.selectFrom('disclosures').select(['subject_id', 'kind', 'recipient', 'legal_basis', 'reference', 'categories']).orderBy('created_at').execute();
    expect(stored).toEqual([
      { subject_id: customerId, kind: 'authority', recipient: AUTHORITY.recipient, legal_basis: AUTHORITY.legalBasis, reference: AUTHORITY.reference, categories: ['contact.name', 'contact.email'] },
      { subject_id: customerId, kind: 'third_party', recipient: INSURER.recipient, legal_basis: INSURER.legalBasis, reference: null, categories: ['contact.name'] },
    ]);
    expect(await app.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'rights.disclosure_recorded').execute()).toEqual([{ subject_id: customerId }, { subject_id: customerId }]);

    const customer = await open();
    const c = customer.page;
    await signIn(c, CUSTOMER);
    await c.goto('/account/privacy');
    await c.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    const log = c.getByRole('list', { name: 'Disclosures' });
    const authority = log.getByRole('listitem').filter({ hasText: AUTHORITY.recipient });
    await authority.waitFor();
    expect(await authority.textContent()).toContain(`Basis: ${AUTHORITY.legalBasis}`);
    expect(await authority.textContent()).toContain(AUTHORITY.reference);
    // The kinds of data in the policy's words, not their ids.
    expect(await authority.textContent()).toContain('Name, E-mail address.');
    expect(await log.getByRole('listitem').filter({ hasText: INSURER.recipient }).textContent()).toContain(`Basis: ${INSURER.legalBasis}`);
    await log.scrollIntoViewIfNeeded();
    await screenshot(c, 'officer-actions-5-customer-disclosure-log');
    expect(customer.problems).toEqual([]);
    await customer.close();
    expect(officer.problems).toEqual([]);
  }, 90_000);

  it('the officer is told why a request without an account cannot be erased, then erases the customer after typing the address', async () => {
    const o = await openQueue();
    const stranger = o.getByRole('listitem', { name: `Delete my data from ${STRANGER.name}` });
    await stranger.getByRole('button', { name: `Erase the account of ${STRANGER.name}…` }).click();
    await stranger.getByLabel(`Type ${STRANGER.email} to confirm`).fill(STRANGER.email);
    await stranger.getByRole('button', { name: `Erase ${STRANGER.name}’s account permanently` }).click();
    await stranger.getByText(/so there is no account to erase\. Answer the request with Complete or Deny instead\./).waitFor();
    await screenshot(o, 'officer-actions-6-no-account');
    await stranger.getByRole('button', { name: 'Cancel' }).click();

    const erasure = o.getByRole('listitem', { name: `Delete my data from ${CUSTOMER.name}` });
    await erasure.getByRole('button', { name: `Erase the account of ${CUSTOMER.name}…` }).click();
    await erasure.getByText(`Erase the account of ${CUSTOMER.name} (${CUSTOMER.email})?`).waitFor();
    await erasure.getByText('This cannot be undone.').waitFor();
    const erase = erasure.getByRole('button', { name: `Erase ${CUSTOMER.name}’s account permanently` });
    // Pressing without the typed address does nothing but say what is missing.
    await erase.click();
    await erasure.getByText(`Type ${CUSTOMER.email} to confirm that this is the account to erase.`).waitFor();
    await erasure.getByLabel(`Type ${CUSTOMER.email} to confirm`).fill('cleo@example.tes');
    await erase.click();
    await erasure.getByText(`Type ${CUSTOMER.email} to confirm that this is the account to erase.`).waitFor();
    expect(await app.db.selectFrom('erasures').select('id').execute()).toEqual([]);
    await erasure.getByLabel(`Type ${CUSTOMER.email} to confirm`).fill(CUSTOMER.email.toUpperCase());
    await screenshot(o, 'officer-actions-7-erase-confirm');
    await erase.click();
    await o.getByText(`Erasure of ${CUSTOMER.name}’s account started; the certificate is e-mailed to ${CUSTOMER.email}, and the request is completed.`).waitFor();
    await erasure.waitFor({ state: 'detached' });
    await screenshot(o, 'officer-actions-8-after-erasure');

    // The erasure runs now, to its end.
    expect((await app.jobs.drain()).failed).toEqual([]);
    const certificate = smtp.messages.find((m) => m.to.includes(CUSTOMER.email) && m.data.includes('Your account is being erased: your erasure certificate'));
    expect(certificate?.data).toMatch(/Erasure certificate/);
    expect(await app.db.selectFrom('erasures').select('status').execute()).toEqual([{ status: 'completed' }]);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', customerId).executeTakeFirst()).toBeUndefined();
    const kept = await app.db.selectFrom('rights_requests').select(['kind', 'status', 'user_id']).where('email', '=', CUSTOMER.email).orderBy('created_at').execute();
    expect(kept).toEqual([
      { kind: 'access', status: 'in_progress', user_id: null },
      { kind: 'erasure', status: 'completed', user_id: null },
    ]);
    // The request without an account stays open for a Complete or Deny answer.
    expect(await app.db.selectFrom('rights_requests').select('status').where('email', '=', STRANGER.email).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    expect(officer.problems).toEqual([]);
  }, 90_000);
});

