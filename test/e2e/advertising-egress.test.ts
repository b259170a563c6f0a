/**
 * Third-party advertising through the egress point, in real Chromium (issue 14 item 6). Under seed
 * 001, which declares Google AdSense's advertising cookie and recipient, the banner on the
 * operator's page asks the server before loading the advertiser's script: with consent it loads and
 * the disclosure is logged; rejected, or with Global Privacy Control, no third-party request is made
 * at all. Under seed 004 (no advertising) the banner offers none and no advertising request happens.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const seed = (file: string) => readFileSync(new URL(`../../examples/manifests/${file}`, import.meta.url), 'utf8');
const AD_SCRIPT = 'https://ads.advertiser.test/adsbygoogle.js';

describe.skipIf(!hasChromium)('advertising through the egress point, in the browser', () => {
  let app: TestApp;
  let origin: string;
  const pool = browserPool(() => origin);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    origin = `http://127.0.0.1:${served.port}`;
    await putPolicyInForce(app, seed('001-scanning-printing.yaml'));
  }, 120_000);

  afterAll(async () => {
    await pool.closeAll();
    await app?.dispose();
  });

  const banner = (page: Page) => page.getByRole('dialog', { name: 'Cookies on this site' });
  const adDisclosures = async () => (await app.db.selectFrom('disclosures').select(['recipient', 'purpose', 'kind']).where('purpose', '=', 'advertising').execute()).length;

  /** The operator's page (served, for the test, under the installation's origin) with its advertiser's script held; every request leaving the origin observed. */
  async function operatorSite(browser: Browser) {
    const page = browser.page;
    const site = `<!doctype html><html lang="en"><head><title>Operator site</title></head><body><h1>Welcome</h1>
      <a href="#" data-consent-settings>Cookie settings</a>
      <script type="text/plain" data-consent-category="advertising" data-consent-recipient="google_adsense" src="${AD_SCRIPT}"></script>
      <script src="/consent/banner.js" defer></script></body></html>`;
    await page.route(`${origin}/operator-site.html`, (route) => route.fulfill({ contentType: 'text/html', body: site }));
    const thirdParty: string[] = [];
    await page.route((url) => !url.href.startsWith(origin), (route) => {
      thirdParty.push(route.request().url());
      return route.fulfill({ contentType: 'text/javascript', body: 'window.adsLoaded = true;' });
    });
    const asked: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/consent/advertising') asked.push(r.status());
    });
    await page.goto('/operator-site.html');
    await banner(page).waitFor();
    expect(thirdParty, 'nothing third-party before a choice').toEqual([]);
    return { page, thirdParty, asked };
  }

  it('seed 001 with consent: the server releases the advertiser, the script loads, and the disclosure is logged', async () => {
    const before = await adDisclosures();
    const browser = await pool.open();
    const { page, thirdParty } = await operatorSite(browser);
    await screenshot(page, 'advertising-01-seed-001-banner');
    const released = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/consent/advertising');
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    expect(await (await released).json()).toEqual({ recipients: [{ id: 'google_adsense', name: 'Google (AdSense)' }] });
    await page.waitForFunction(() => (window as unknown as { adsLoaded?: boolean }).adsLoaded === true);
    expect(thirdParty).toEqual([AD_SCRIPT]);
    expect(await adDisclosures()).toBe(before + 1);
    await screenshot(page, 'advertising-02-seed-001-loaded');
  });

  it('seed 001 rejected: no third-party request at all, nothing disclosed', async () => {
    const before = await adDisclosures();
    const browser = await pool.open();
    const { page, thirdParty, asked } = await operatorSite(browser);
    await banner(page).getByRole('button', { name: 'Reject all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(thirdParty).toEqual([]);
    expect(asked, 'the banner does not even ask without consent').toEqual([]);
    expect(await adDisclosures()).toBe(before);
  });

  it('seed 001 with Global Privacy Control: Accept all loads nothing third-party', async () => {
    const before = await adDisclosures();
    const browser = await pool.open();
    await browser.context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
    await browser.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const { page, thirdParty } = await operatorSite(browser);
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(thirdParty).toEqual([]);
    expect(await adDisclosures()).toBe(before);
  });

  it('seed 004: the banner offers no advertising and no advertising request is ever made', async () => {
    await putPolicyInForce(app, seed('004-model-preparation.yaml'));
    const browser = await pool.open();
    const { page, thirdParty, asked } = await operatorSite(browser);
    await banner(page).getByRole('button', { name: 'Choose' }).click();
    await banner(page).getByLabel(/Analytics cookies/).waitFor();
    expect(await banner(page).getByLabel(/Advertising cookies/).count()).toBe(0);
    await screenshot(page, 'advertising-03-seed-004');
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(thirdParty).toEqual([]);
    expect(asked).toEqual([]);
    expect((await browser.context.cookies()).filter((c) => c.name === '__gads')).toEqual([]);
  });
});
