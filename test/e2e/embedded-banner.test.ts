/**
 * The consent banner embedded on the operator's own website, served from another origin (another
 * host and port than the installation): it records choices through the cookie-less embed API for an
 * origin listed in MESHVAULT_EMBED_ORIGINS, keeps its visitor id in the website's own storage, sets
 * no cookie of the installation, and loads the website's analytics (which count through the embed
 * ingest endpoint) only after consent.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import { consentManifest } from '../../src/modules/consent/consent-test-support.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

/** The operator's page: the banner from the installation, and its own analytics held until consent. */
function operatorPage(installation: string): string {
  return `<!doctype html><html lang="en"><head><title>Operator website</title></head><body>
<h1>Our scanning service</h1>
<a href="#" data-consent-settings>Cookie settings</a>
<script type="text/plain" data-consent-category="analytics">
  window.analyticsLoaded = true;
  fetch('${installation}/api/analytics/embed/events', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorId: localStorage.getItem('meshvault-consent-visitor'), sessionId: 'operator-site-session', events: [{ kind: 'page_view', path: location.pathname }] }) })
    .then(function (r) { return r.json(); }).then(function (j) { window.analyticsStored = j.stored; });
</script>
<script src="${installation}/consent/banner.js" defer></script>
</body></html>`;
}

describe.skipIf(!hasChromium)('the consent banner on the operator’s own website (another origin)', () => {
  let app: TestApp;
  let installation: string;
  let site: Server;
  let siteOrigin: string;
  const pool = browserPool(() => siteOrigin);

  beforeAll(async () => {
    site = createServer((request, response) => {
      if (request.url === '/' || request.url === '/index.html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(operatorPage(installation));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    if (!address || typeof address === 'string') throw new Error('no site address');
    // localhost vs 127.0.0.1: another host as well as another port, so another site, not only another origin.
    siteOrigin = `http://localhost:${address.port}`;
    const served = await serveTestApp({ jobs: false, env: { MESHVAULT_EMBED_ORIGINS: siteOrigin } });
    app = served.app;
    installation = `http://127.0.0.1:${served.port}`;
    await putPolicyInForce(app, consentManifest());
  }, 120_000);

  afterAll(async () => {
    await pool.closeAll();
    await app?.dispose();
    await new Promise((resolve) => site?.close(resolve));
  });

  const recordsOf = async (visitorId: string) =>
    (await app.db.selectFrom('consent_records').select(['scope', 'decision', 'method']).where('visitor_id', '=', visitorId).orderBy('seq').execute()).map((r) => `${r.scope} ${r.decision} ${r.method}`);

  it('records Reject all, then a changed mind, and counts the visit only after consent', async () => {
    const browser = await pool.open();
    const page = browser.page;
    // Headless Chromium says so in its user agent, which the analytics drop as a robot.
    await page.setExtraHTTPHeaders({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36' });
    const consentCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(installation)) consentCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto('/');
    const banner = page.getByRole('dialog', { name: 'Cookies on this site' });
    await banner.waitFor();
    await screenshot(page, 'consent-09-embedded-other-origin');
    expect(await page.evaluate(() => (window as unknown as { analyticsLoaded?: boolean }).analyticsLoaded)).toBeUndefined();
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await banner.waitFor({ state: 'detached' });
    const visitorId = await page.evaluate(() => localStorage.getItem('meshvault-consent-visitor'));
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await recordsOf(visitorId!)).sort()).toEqual(['cookies:advertising refused banner', 'cookies:analytics refused banner']);
    // No cookie of the installation (nor of the site): the id lives in the website's own storage.
    expect(await browser.context.cookies()).toEqual([]);
    expect(consentCalls.filter((c) => c.includes('/api/consent') && !c.includes('/api/consent/embed'))).toEqual([]);

    // Remembered on the next visit through the kept id: no banner.
    const remembered = page.waitForResponse((r) => r.url().startsWith(`${installation}/api/consent/embed?visitor=`));
    await page.reload();
    expect(await (await remembered).json()).toMatchObject({ decided: true, visitorId });
    await page.getByRole('heading', { level: 1, name: 'Our scanning service' }).waitFor();
    expect(await banner.count()).toBe(0);

    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await banner.getByLabel(/Analytics cookies/).check();
    const counted = page.waitForResponse((r) => r.url() === `${installation}/api/analytics/embed/events`);
    await banner.getByRole('button', { name: 'Save choices' }).click();
    expect(await (await counted).json()).toEqual({ stored: 1, dropped: null });
    expect(await recordsOf(visitorId!)).toEqual(expect.arrayContaining(['cookies:analytics given banner']));
    const events = await app.db.selectFrom('analytics_events').select(['path', 'kind', 'user_id']).where('visitor_id', '=', visitorId!).execute();
    expect(events).toEqual([{ path: '/', kind: 'page_view', user_id: null }]);
    expect(await browser.context.cookies()).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
