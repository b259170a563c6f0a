/**
 * Data rights in Chromium against the real server: a customer reads My data, exports it, downloads
 * the ZIP and deletes the account, landing on the certificate; a visitor makes a request with the
 * public form and confirms it from the e-mail; a privacy officer answers it from the queue.
 * Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, signIn, browserPool } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OFFICER = { email: 'dpo@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const CUSTOMER = { email: 'rita@example.test', name: 'Rita Rights', password: 'customer password for e2e' };
const VISITOR = { email: 'vera@example.test', name: 'Vera Visitor' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('data rights in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let customerId: string;
  const browsers = browserPool(() => baseURL);
  const open = browsers.open;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: true });
    app = served.app;
    const address = { port: served.port };
    baseURL = `http://127.0.0.1:${address.port}`;
    await app.services.privacy.publishDefaultIfNone();
    await app.services.accounts.createUser(CLI, { ...OFFICER, role: 'privacy_officer' }, ctx);
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
  }, 60_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.stopJobs(10_000);
    await app?.dispose();
  });


  it('a customer sees what is held, downloads an export, then deletes the account and gets the certificate', async () => {
    const browser = await open();
    const page = browser.page;
    await signIn(page, CUSTOMER);
    await page.getByRole('navigation').getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    // Each kind of data with why, until when and who receives it, in the policy's words.
    const email = page.getByRole('table', { name: 'Kinds of data we hold' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^E-mail address/ }) });
    const cells = email.getByRole('cell');
    await cells.nth(2).waitFor();
    expect(await cells.count()).toBe(3);
    expect(await cells.nth(0).textContent()).toMatch(/\(to provide the service you signed up for\)/);
    expect(await cells.nth(1).textContent()).toMatch(/for your records: \d{1,2} \w+ \d{4}/);
    await screenshot(page, 'rights-flow-1-my-data');

    // Objecting to marketing is stored at once; a correction request gets a due date.
    await page.getByLabel('No marketing').check();
    await page.getByText('No marketing: saved.').waitFor();
    const scopes = await app.db.selectFrom('processing_restrictions').select('scope').where('user_id', '=', customerId).execute();
    expect(scopes.map((r) => r.scope)).toEqual(['marketing']);
    await page.getByLabel('What is wrong').fill('My job title');
    await page.getByLabel('What it should say').fill('Lead engineer');
    await page.getByRole('button', { name: 'Send correction request' }).click();
    await page.getByText(/^Thank you\. We will answer by \d{1,2} \w+ \d{4}\.$/).waitFor();

    await page.getByRole('button', { name: 'Request an export' }).click();
    await page.getByText('Your export is being prepared.').waitFor();
    const download = page.getByRole('button', { name: /^Download the export requested/ });
    await download.waitFor({ timeout: 30_000 });
    // The row says when it was asked for and how big it is.
    const ready = page.getByRole('row').filter({ hasText: 'Ready' });
    await ready.getByText(/^\d+(\.\d)? (bytes|KB|MB)$/).waitFor();
    expect(await ready.getByRole('cell').first().textContent()).toMatch(/\d{4}/);
    await screenshot(page, 'rights-flow-2-export-ready');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // Two steps: the first press only asks for the password.
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel('Your password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Delete my account permanently' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/privacy/erasure/'));
    await page.getByRole('heading', { level: 2, name: 'Your account has been deleted' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Certificate').getByText('Erasure certificate').first().waitFor();
    expect(await page.getByRole('link', { name: page.url() }).count()).toBe(1);
    await screenshot(page, 'rights-flow-3-certificate');
    expect(await app.db.selectFrom('users').select('id').where('id', '=', customerId).executeTakeFirst()).toBeUndefined();
    expect(browser.problems).toEqual([]);
  }, 60_000);

  it('a visitor makes and confirms a request, and a privacy officer completes it from the queue', async () => {
    const visitor = await open();
    const page = visitor.page;
    await page.goto('/privacy/requests');
    await page.getByRole('heading', { level: 1, name: 'Make a privacy request' }).waitFor();
    await page.getByLabel('Your name').fill(VISITOR.name);
    await page.getByLabel('E-mail address').fill(VISITOR.email);
    await page.getByLabel('What are you asking for?').selectOption('access');
    const jurisdiction = page.getByLabel('Where do you live?');
    await jurisdiction.selectOption({ index: 1 });
    await page.getByLabel('Details').fill('Please send me a copy of what you hold.');
    await screenshot(page, 'rights-flow-4-public-form');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByText(`We sent a link to ${VISITOR.email}.`).waitFor();

    const [message] = await app.services.mail.list({ limit: 1, to: VISITOR.email });
    const token = /requests\/confirm\?token=([\w-]+)/.exec(message?.body_text ?? '')?.[1];
    expect(token).toBeTruthy();
    await page.goto(`/privacy/requests/confirm?token=${token ?? ''}`);
    await page.getByRole('button', { name: 'Confirm my request' }).click();
    await page.getByText(/^Your request \(See a copy of my data\) is confirmed\. We will answer by /).waitFor();
    await screenshot(page, 'rights-flow-5-confirmed');

    const officer = await open();
    const o = officer.page;
    await signIn(o, OFFICER);
    await o.goto('/privacy-officer/requests');
    await o.getByRole('heading', { level: 1, name: 'Privacy requests' }).waitFor();
    const item = o.getByRole('listitem', { name: `See a copy of my data from ${VISITOR.name}` });
    await item.getByText(/due .* days left/).waitFor();
    const metrics = o.getByRole('table', { name: 'Request metrics' });
    // Received counts confirmed requests: the customer's correction and this one.
    const received = await app.db.selectFrom('rights_requests').select('id').where('status', '!=', 'unverified').execute();
    expect(received).toHaveLength(2);
    await metrics.getByRole('cell').first().filter({ hasText: /^2$/ }).waitFor();
    await screenshot(o, 'rights-flow-6-queue');
    await item.getByRole('button', { name: `Complete the request from ${VISITOR.name}` }).click();
    await item.getByLabel('Answer to the person').fill('Your data is attached to the e-mail we sent you.');
    await item.getByRole('button', { name: 'Send answer and complete' }).click();
    await o.getByText(`Send answer and complete: done for ${VISITOR.name}.`).waitFor();
    await item.waitFor({ state: 'detached' });
    const row = await app.db.selectFrom('rights_requests').select(['status', 'answer']).where('email', '=', VISITOR.email).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'completed', answer: 'Your data is attached to the e-mail we sent you.' });
    expect(visitor.problems).toEqual([]);
    expect(officer.problems).toEqual([]);
  }, 60_000);
});

