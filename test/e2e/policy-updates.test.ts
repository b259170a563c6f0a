/**
 * A significant policy change as a customer meets it in Chromium against the real server: the
 * consent question for a new purpose comes first and is answered with the keyboard, then the change
 * notice stays until "Got it". Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestVariant } from '../../src/modules/privacy/test-manifests.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OFFICER = { email: 'officer@example.test', name: 'Olga Officer', password: 'officer password for e2e' };
const CUSTOMER = { email: 'casey@example.test', name: 'Casey Customer', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('policy updates in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let customerId: string;
  let version: number;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    const address = { port: served.port };
    const officer = await app.services.accounts.createUser(CLI, { ...OFFICER, role: 'privacy_officer' }, ctx);
    // Users created by the operator are verified, so the customer can sign in at once.
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
    await app.services.privacy.publishDefaultIfNone();
    const yaml = manifestVariant((d) => {
      d.purposes.push({ id: 'product_news', name: 'Product news', description: 'E-mail you about new materials and services.', legal_basis: 'consent', categories: ['contact.email', 'contact.name'] });
    });
    const published = await app.services.privacy.publish({ id: officer.id, role: 'privacy_officer' }, yaml, ctx);
    expect(published).toMatchObject({ changeLevel: 'significant', notifying: true, consentPurposes: ['product_news'] });
    version = published.version;
    // The notice job runs now: it writes the notice and the consent question for each user.
    expect((await app.jobs.drain()).failed).toEqual([]);
    expect(await app.db.selectFrom('policy_notices').select('version').where('user_id', '=', customerId).where('version', '=', version).execute()).toEqual([{ version }]);
    expect(await app.db.selectFrom('consent_prompts').select('version').where('user_id', '=', customerId).where('version', '=', version).execute()).toEqual([{ version }]);
    browser = await openBrowser(`http://127.0.0.1:${address.port}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stopJobs(10_000);
    await app?.dispose();
  });

  it('asks for the new consent first, stores the answer, then shows the change notice until acknowledged', async () => {
    const page = browser.page;
    await signIn(page, CUSTOMER);

    // The question: named, focused when it appears, saying which purpose and linking to the policy.
    const dialog = page.getByRole('dialog', { name: 'May we use your data for something new?' });
    await dialog.waitFor();
    await page.locator('[role="dialog"]:focus').waitFor();
    await dialog.getByRole('listitem').filter({ hasText: 'Product news: E-mail you about new materials and services.' }).waitFor();
    expect(await dialog.getByRole('link', { name: `Read version ${version} of the policy` }).getAttribute('href')).toBe(`/privacy?version=${version}`);
    expect(await dialog.getByRole('link', { name: 'What changed' }).getAttribute('href')).toBe(`/privacy/history?from=${version - 1}&to=${version}`);
    await screenshot(page, 'policy-updates-1-prompt');

    // Answered with the keyboard alone: Tab from the panel to "I agree", then Enter.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'I agree') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('I agree');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Thank you. You agreed to: Product news.').waitFor();
    const prompt = await app.db.selectFrom('consent_prompts').select(['answer', 'answered_at']).where('user_id', '=', customerId).where('version', '=', version).executeTakeFirstOrThrow();
    expect(prompt.answer).toBe('accept');
    expect(prompt.answered_at).not.toBeNull();

    // The change notice: a date, the diff link, and "Got it" records that it was seen.
    const banner = page.getByRole('region', { name: 'Privacy policy change' });
    await banner.getByText(/^Our privacy policy change[ds] on \d{1,2} \w+ \d{4}$/).waitFor();
    expect(await banner.getByRole('link', { name: 'what changed' }).getAttribute('href')).toBe(`/privacy/history?from=${version - 1}&to=${version}`);
    await screenshot(page, 'policy-updates-2-notice');
    await banner.getByRole('button', { name: 'Got it' }).click();
    await banner.waitFor({ state: 'detached' });
    const notice = await app.db.selectFrom('policy_notices').select('acknowledged_at').where('user_id', '=', customerId).where('version', '=', version).executeTakeFirstOrThrow();
    expect(notice.acknowledged_at).not.toBeNull();
    await screenshot(page, 'policy-updates-3-done');

    // Answered and acknowledged for good: a fresh load shows neither.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Privacy policy change' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});

