/**
 * Marketing by post in real Chromium: ticking a topic by post on the preferences page asks the postal
 * address (its own section), which is saved with the choice; the server refuses the tick without it.
 * The sign-up form asks it the same way, and the account is made with it or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { marketingManifestPath } from '../../src/modules/marketing/marketing-test-support.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('the postal address for marketing by post, in the browser', () => {
  let app: TestApp;
  let origin: string;
  let ann: TestUser;
  const pool = browserPool(() => origin);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_MANIFEST: marketingManifestPath() } });
    app = served.app;
    origin = `http://127.0.0.1:${served.port}`;
    ann = await signedIn(app, 'customer', 'ann@example.com');
  }, 180_000);

  afterAll(async () => {
    await pool.closeAll();
    await app?.dispose();
  });

  it('asks the address once a post box is ticked, and saves it with the choice', async () => {
    const { page, problems } = await pool.open();
    await signIn(page, { email: ann.email, password: TEST_PASSWORD });
    await page.goto('/account/marketing');
    await page.getByRole('heading', { level: 1, name: 'What you receive from us' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Your postal address' }).count()).toBe(0);
    await page.getByLabel('Product news by Post').check();
    await page.getByRole('heading', { name: 'Your postal address' }).waitFor();
    // Saved without an address: each line it needs says so under it, and nothing is recorded.
    await page.getByRole('button', { name: 'Save choices' }).click();
    await page.locator('.field', { has: page.getByLabel('Street and number') }).getByText('Enter the street and number.').waitFor();
    await page.locator('.field', { has: page.getByLabel('Country') }).getByText('Enter the country.').waitFor();
    await screenshot(page, 'marketing-postal-address-missing');
    expect(await app.db.selectFrom('consent_records').select('id').where('user_id', '=', ann.id).execute()).toEqual([]);
    await page.getByLabel('Street and number').fill('1 Dock Street');
    await page.getByLabel('Postal code').fill('L-1234');
    await page.getByLabel('City').fill('Luxembourg');
    await page.getByLabel('Country').fill('Luxembourg');
    await page.getByRole('button', { name: 'Save choices' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    await screenshot(page, 'marketing-postal-address');
    const prefs = (await ann.c.get('/api/me/marketing')).json<{ postalAddress: { line1: string; city: string } | null; choices: Array<{ topic: string; channel: string; optedIn: boolean }> }>();
    expect(prefs.postalAddress).toMatchObject({ line1: '1 Dock Street', city: 'Luxembourg' });
    expect(prefs.choices.find((c) => c.topic === 'product_news' && c.channel === 'post')!.optedIn).toBe(true);
    expect(problems).toEqual([]);
  });

  it('asks the address on the sign-up form once a post box is ticked, and stores it with the new account', async () => {
    const { page, problems } = await pool.open();
    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await page.getByLabel('Full name').fill('Ben Post');
    await page.getByLabel('E-mail address').fill('ben@example.com');
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel(/I confirm I am at least/).check();
    await page.getByLabel(/I have read and accept the privacy policy/).check();
    expect(await page.getByRole('group', { name: 'Your postal address' }).count()).toBe(0);
    await page.getByLabel('Product news by Post').check();
    const address = page.getByRole('group', { name: 'Your postal address' });
    await address.waitFor();
    // Ticked without an address: each line it needs says so, and no account is made.
    await page.getByRole('button', { name: 'Create account' }).click();
    await address.getByText('Enter the street and number.').waitFor();
    await address.getByText('Enter the country.').waitFor();
    await screenshot(page, 'sign-up-postal-address-missing');
    expect(await app.db.selectFrom('users').select('id').where('email', '=', 'ben@example.com').execute()).toEqual([]);
    await address.getByLabel('Street and number').fill('9 Quay Road');
    await address.getByLabel('Postal code').fill('L-2000');
    await address.getByLabel('City').fill('Luxembourg');
    await address.getByLabel('Country').fill('Luxembourg');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
    const user = await app.db.selectFrom('users').select('id').where('email', '=', 'ben@example.com').executeTakeFirstOrThrow();
    const rows = await app.db.selectFrom('marketing_postal_addresses').select(['line1', 'postal_code', 'city', 'country']).where('user_id', '=', user.id).execute();
    expect(rows).toEqual([{ line1: '9 Quay Road', postal_code: 'L-2000', city: 'Luxembourg', country: 'Luxembourg' }]);
    expect(problems).toEqual([]);
  });
});
