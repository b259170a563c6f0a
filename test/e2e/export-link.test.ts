/**
 * The "your export is ready" e-mail in Chromium against the real server: its link opens the web page,
 * not the API; signed out, the page sends the person to sign in and back; the page shows the export
 * and downloads the ZIP once; opened again, it says the link is used and points to the privacy page.
 * Screenshots go to test-results/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { ACCEPT_POLICY_HEADING, acceptPolicyIfAsked, CHROMIUM_PATH, hasChromium, screenshot, browserPool } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const CUSTOMER = { email: 'erik@example.test', name: 'Erik Export', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('the mailed export link in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let customerId: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
  }, 60_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.stopJobs(10_000);
    await app?.dispose();
  });

  it('opens the page: sign in first, then the export and its Download; used, it points to the privacy page', async () => {
    const { id: exportId } = await app.services.rights.requestExport({ userId: customerId, sessionId: 'e2e', role: 'customer' }, ctx);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const mail = (await app.services.mail.list({ limit: 5, to: CUSTOMER.email })).find((m) => m.kind === 'rights.export_ready');
    if (!mail) throw new Error('no export link mail after the export job ran');
    const url = /https?:\/\/\S+/.exec(mail.body_text ?? '')?.[0] ?? '';
    const mailed = new URL(url);
    expect(mailed.pathname).toBe(`/account/exports/${exportId}`);
    expect(mailed.searchParams.get('token')).toBeTruthy();

    const browser = await browsers.open();
    const page = browser.page;
    await page.goto(mailed.pathname + mailed.search);
    await page.waitForURL((u) => u.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(mailed.pathname + mailed.search);
    await page.getByLabel('E-mail address').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await screenshot(page, 'export-link-1-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL((u) => u.pathname === mailed.pathname && u.search === mailed.search);
    await page.getByRole('heading', { level: 1, name: 'Your data export' }).waitFor();
    await page.getByText('Link works until').waitFor();
    await page.getByText(/^\d+(\.\d)? (bytes|KB|MB)$/).waitFor();
    await screenshot(page, 'export-link-2-page');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    const bytes = await readFile(await file.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await page.getByText('Your download has started.', { exact: false }).waitFor();

    // The link works once: opened again, the page says so and offers the way to a fresh export.
    await page.reload();
    await page.getByText('This link cannot be used').waitFor();
    await page.getByText('already used or has expired', { exact: false }).waitFor();
    await screenshot(page, 'export-link-3-used');
    await page.getByRole('link', { name: 'Request a fresh export from your privacy page' }).click();
    // Made on the console, the account has not accepted the privacy policy (the export link did not
    // need it): the privacy page asks for it first.
    await page.getByRole('heading', { level: 1, name: ACCEPT_POLICY_HEADING }).waitFor();
    await acceptPolicyIfAsked(page);
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    expect(browser.problems).toEqual([]);
  }, 90_000);
});
