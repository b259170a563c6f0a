/**
 * Marketing by post in real Chromium: ticking a topic by post on the preferences page asks the postal
 * address (its own section), which is saved with the choice; the server refuses the tick without it.
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
});
