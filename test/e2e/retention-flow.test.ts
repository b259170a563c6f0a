/**
 * Retention in Chromium against the real server: a customer closes their account from the account
 * page and sees what is kept until when (then cannot sign in); a privacy officer reads the retention
 * page — the privacy check, the next run, the past runs' certificates (one downloaded) — and opens
 * and releases a legal hold. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, signIn, submitSignIn, browserPool } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OFFICER = { email: 'dpo@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const CUSTOMER = { email: 'cleo@example.test', name: 'Cleo Customer', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('retention in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let customerId: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    await app.services.accounts.createUser(CLI, { ...OFFICER, role: 'privacy_officer' }, ctx);
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
  }, 90_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  it('a customer closes their account and is shown what is kept until when', async () => {
    const { page } = await browsers.open();
    await signIn(page, CUSTOMER);
    await page.goto('/account');
    await page.getByRole('heading', { level: 2, name: 'Close my account' }).waitFor();
    await page.getByRole('button', { name: 'Close my account…' }).click();
    await screenshot(page, 'retention-close-account-confirm');
    await page.getByRole('button', { name: 'Close my account now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account is closed' }).waitFor();
    const kept = page.getByRole('list', { name: 'Kept after closing' });
    await kept.waitFor();
    expect(await kept.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await kept.textContent()).toMatch(/until|no date yet/);
    await screenshot(page, 'retention-account-closed');
    await submitSignIn(page, CUSTOMER);
    await page.getByText('This account was closed.', { exact: false }).waitFor();
  });

  it('a privacy officer reads the check, the plan and the certificates, and opens and releases a hold', async () => {
    await app.services.retention.runRetention();
    const { page } = await browsers.open();
    await signIn(page, OFFICER);
    await page.goto('/privacy-officer/retention');
    await page.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
    const checks = page.getByRole('list', { name: 'Checks' });
    await checks.waitFor();
    expect(await checks.getByRole('listitem').count()).toBeGreaterThan(3);
    await page.getByRole('heading', { level: 2, name: 'Next retention run' }).waitFor();
    const certificates = page.getByRole('list', { name: 'Disposal certificates' });
    await certificates.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), certificates.getByRole('link', { name: 'Download' }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/^disposal-certificate-.*\.txt$/);

    await page.getByLabel('Reason (case reference)').fill('Warranty claim 2026-17');
    await page.getByLabel('Its id').fill(customerId);
    await page.getByRole('button', { name: 'Open hold' }).click();
    const holds = page.getByRole('list', { name: 'Legal holds' });
    await holds.getByText('Warranty claim 2026-17').waitFor();
    await screenshot(page, 'retention-officer-page');
    await holds.getByRole('button', { name: 'Release' }).click();
    await holds.getByRole('button', { name: 'Release this hold' }).click();
    await holds.getByText(/released/).waitFor();
    await screenshot(page, 'retention-officer-hold-released');
  });
});
