/**
 * The cookie banner and settings in real Chromium, under policies with optional cookies: the first
 * visit asks and sets nothing optional; Reject all leaves only the essential consent cookie; Accept
 * all sets the manifest's first-party cookies with its lifetimes; the settings page changes and
 * withdraws; a browser sending Global Privacy Control is recorded as opted out of sale, sharing and
 * ads; the standalone script asks on the server's own policy pages; and a policy with no advertising
 * cookies (seed 004) shows none, with no advertising cookie or third-party request ever.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import { consentManifest } from '../../src/modules/consent/consent-test-support.js';
import { declaredCookieLifetime } from '../../src/modules/privacy/index.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, signIn, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('cookie consent in the browser', () => {
  let app: TestApp;
  let origin: string;
  const pool = browserPool(() => origin);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    origin = `http://127.0.0.1:${served.port}`;
    await putPolicyInForce(app, consentManifest());
  }, 120_000);

  afterAll(async () => {
    await pool.closeAll();
    await app?.dispose();
  });

  const banner = (page: Page) => page.getByRole('dialog', { name: 'Cookies on this site' });

  /** Every cookie the browser holds is declared in the policy in force, for the lifetime it states. */
  async function expectDeclaredCookies(browser: Browser) {
    const { manifest } = await app.services.policy.current();
    const cookies = await browser.context.cookies();
    for (const cookie of cookies) {
      const declared = (manifest.cookies ?? []).find((d) => d.name === cookie.name);
      expect(declared, `${cookie.name} is not declared`).toBeDefined();
      const lifetime = await declaredCookieLifetime(app.services.policy, cookie.name, new Date());
      if (lifetime?.kind === 'max-age') {
        const left = cookie.expires - Date.now() / 1000;
        expect(left).toBeGreaterThan(lifetime.seconds - 3600);
        expect(left).toBeLessThanOrEqual(lifetime.seconds);
      }
    }
    return cookies.map((c) => c.name).sort();
  }

  const recordsOf = async (visitorId: string) =>
    (await app.db.selectFrom('consent_records').select(['scope', 'decision', 'method', 'policy_version']).where('visitor_id', '=', visitorId).orderBy('seq').execute()).map((r) => `${r.scope} ${r.decision} ${r.method}`);
  const visitorOf = async (browser: Browser) => (await browser.context.cookies()).find((c) => c.name === 'mv_consent')?.value ?? '';

  it('asks on the first visit with equal choices, sets nothing optional before, and Reject all leaves only the essential cookie', async () => {
    const browser = await pool.open();
    const page = browser.page;
    await page.goto('/sign-in');
    const dialog = banner(page);
    await dialog.waitFor();
    // Focus moves to the banner so keyboard and screen-reader users meet it first.
    // It does so in an effect after the banner mounts: polled, not read once.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    for (const name of ['Accept all', 'Reject all', 'Choose']) await dialog.getByRole('button', { name }).waitFor();
    const classes: string[] = await dialog.getByRole('button').evaluateAll((buttons: HTMLElement[]) => buttons.map((b) => b.className));
    expect(new Set(classes).size, 'the three choices look alike').toBe(1);
    expect(await browser.context.cookies()).toEqual([]);
    await screenshot(page, 'consent-01-first-visit');

    await dialog.getByRole('button', { name: 'Reject all' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await expectDeclaredCookies(browser)).toEqual(['mv_consent']);
    expect((await recordsOf(await visitorOf(browser))).sort()).toEqual(['cookies:advertising refused banner', 'cookies:analytics refused banner']);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await banner(page).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('Accept all sets the manifest’s cookies for their lifetimes; the settings page changes and withdraws', async () => {
    const browser = await pool.open();
    const page = browser.page;
    await page.goto('/sign-in');
    await banner(page).getByRole('button', { name: 'Choose' }).click();
    await banner(page).getByLabel('Analytics cookies').waitFor();
    await screenshot(page, 'consent-02-choose');
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    // __gads is Google's own: only its script, loaded after consent, would set it; the server never does.
    expect(await expectDeclaredCookies(browser)).toEqual(['mv_analytics', 'mv_consent']);

    await page.getByRole('navigation', { name: 'Privacy' }).getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie settings' }).waitFor();
    const analytics = page.getByLabel('Analytics cookies');
    expect(await analytics.isChecked()).toBe(true);
    await analytics.uncheck();
    await page.getByRole('button', { name: 'Save choices' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    expect(await expectDeclaredCookies(browser)).toEqual(['mv_consent']);
    await page.getByRole('button', { name: 'Withdraw all consent' }).click();
    await page.getByText('Your consent is withdrawn.').waitFor();
    await page.getByRole('cell', { name: 'withdrawn' }).first().waitFor();
    await screenshot(page, 'consent-03-settings');
    expect(await recordsOf(await visitorOf(browser))).toEqual([
      expect.stringMatching(/^cookies:(analytics|advertising) given banner$/),
      expect.stringMatching(/^cookies:(analytics|advertising) given banner$/),
      'cookies:analytics withdrawn settings',
      'cookies:advertising withdrawn settings',
    ]);
    expect(browser.problems).toEqual([]);
  });

  it('a browser sending Global Privacy Control is recorded as opted out of sale, sharing and ads', async () => {
    const browser = await pool.open();
    await browser.context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
    await browser.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const page = browser.page;
    await page.goto('/sign-in');
    await banner(page).getByText('Your browser sends Global Privacy Control').waitFor();
    await banner(page).getByRole('button', { name: 'Choose' }).click();
    expect(await banner(page).getByLabel('Advertising cookies').isDisabled()).toBe(true);
    await screenshot(page, 'consent-04-gpc');
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    const records = await recordsOf(await visitorOf(browser));
    expect(records).toEqual(expect.arrayContaining(['sale_sharing refused gpc', 'cookies:advertising refused gpc', 'cookies:analytics given banner']));
    expect(records.filter((r) => r.startsWith('cookies:advertising given'))).toEqual([]);
    const visitorId = await visitorOf(browser);
    expect(await app.uow.run({ actor: { id: null, role: 'system' } }, (work) => app.services.egress.isProcessingAllowed(work, { userId: null, visitorId }, 'profiling'))).toBe(false);
  });

  it('the standalone script asks on the server’s own policy pages, through the same API and records', async () => {
    const browser = await pool.open();
    const page = browser.page;
    await page.goto('/privacy');
    const dialog = banner(page);
    await dialog.waitFor();
    expect(await page.getByRole('navigation', { name: 'Privacy' }).getByRole('link', { name: 'Cookie settings' }).getAttribute('href')).toBe('/cookie-settings');
    expect(await page.getByRole('link', { name: 'cookie settings', exact: true }).getAttribute('href')).toBe('/cookie-settings');
    await screenshot(page, 'consent-05-policy-page-banner');
    await dialog.getByRole('button', { name: 'Reject all' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await expectDeclaredCookies(browser)).toEqual(['mv_consent']);
    expect(await recordsOf(await visitorOf(browser))).toEqual(expect.arrayContaining(['cookies:analytics refused banner']));
    expect(browser.problems).toEqual([]);
  });

  it('counts page views only after consent, and staff see them as SVG charts', async () => {
    const visitor = await pool.open();
    // Headless Chromium says so in its user agent, which the analytics drop as a robot.
    await visitor.page.setExtraHTTPHeaders({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36' });
    const posted: string[] = [];
    visitor.page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/analytics/events') posted.push(r.url());
    });
    await visitor.page.goto('/sign-in');
    await banner(visitor.page).waitFor();
    await visitor.page.goto('/sign-up');
    await visitor.page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    expect(posted, 'nothing is sent before a choice').toEqual([]);
    await banner(visitor.page).getByRole('button', { name: 'Accept all' }).click();
    await banner(visitor.page).waitFor({ state: 'detached' });
    const stored = visitor.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/analytics/events');
    await visitor.page.getByRole('link', { name: 'Sign in' }).first().click();
    expect((await (await stored).json()) as unknown).toEqual({ stored: 1, dropped: null });
    const visitorId = await visitorOf(visitor);
    // The answer above may be the page the choice was made on (/sign-up): wait for the next page's view.
    const rows = () => app.db.selectFrom('analytics_events').select(['path', 'kind']).where('visitor_id', '=', visitorId).execute();
    await expect.poll(rows, { timeout: 15_000 }).toEqual(expect.arrayContaining([{ path: '/sign-in', kind: 'page_view' }]));

    const staff = { email: 'sam@staff.test', password: 'staff password 12345', name: 'Sam Staff' };
    await app.services.accounts.createUser({ id: null, role: 'operator-cli' }, { ...staff, role: 'staff' }, { requestId: 'e2e-consent' });
    const browser = await pool.open();
    await browser.page.goto('/sign-in');
    await banner(browser.page).getByRole('button', { name: 'Reject all' }).click();
    await signIn(browser.page, staff);
    await browser.page.goto('/staff/analytics');
    await browser.page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await browser.page.getByRole('img', { name: 'Visits and page views per day' }).waitFor();
    await browser.page.getByRole('img', { name: 'Page views by page' }).waitFor();
    // The GPC visitor of the test above counts in the share, and decisions show by method.
    await browser.page.getByRole('img', { name: 'Consent decisions by method' }).waitFor();
    await browser.page.getByText(/sent Global Privacy Control/).waitFor();
    await screenshot(browser.page, 'consent-07-analytics-dashboard');
    expect(browser.problems).toEqual([]);
  });

  it('under seed 004, which declares no advertising cookie: no advertising choice, cookie or third-party request', async () => {
    await putPolicyInForce(app, readFileSync(new URL('../../examples/manifests/004-model-preparation.yaml', import.meta.url), 'utf8'));
    const browser = await pool.open();
    const page = browser.page;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto('/sign-in');
    await banner(page).getByRole('button', { name: 'Choose' }).click();
    await banner(page).getByLabel('Analytics cookies').waitFor();
    expect(await banner(page).getByLabel('Advertising cookies').count()).toBe(0);
    expect(await banner(page).getByLabel('Functional cookies').count()).toBe(1);
    await screenshot(page, 'consent-06-seed-004');
    await banner(page).getByRole('button', { name: 'Accept all' }).click();
    await banner(page).waitFor({ state: 'detached' });
    await page.goto('/privacy');
    await page.goto('/cookie-settings');
    await page.getByRole('heading', { level: 1, name: 'Cookie settings' }).waitFor();
    const names = await expectDeclaredCookies(browser);
    const { manifest } = await app.services.policy.current();
    const advertising = (manifest.cookies ?? []).filter((c) => c.category === 'advertising').map((c) => c.name);
    expect(advertising).toEqual([]);
    expect(names.filter((n) => advertising.includes(n))).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});
