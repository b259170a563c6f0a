/**
 * How the app's files reach a real Chromium: the build's Brotli copies (web/vite-precompress.ts)
 * are what travels, the 3D code stays out of the first script, and the content-named files under
 * /assets/ are kept by the browser, so a second visit fetches only the page that names them, and that
 * only to check it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

type Seen = { url: string; status: number; encoding: string | undefined; cacheControl: string | undefined; fromCache: boolean; encodedBytes: number };

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('arrives compressed, and on the next visit its scripts and styles come from the browser cache', async () => {
    const page = browser.page;
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    const seen = new Map<string, Seen>();
    const servedFromCache = new Set<string>();
    cdp.on('Network.requestServedFromCache', ({ requestId }) => servedFromCache.add(requestId));
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      const url = new URL(response.url);
      if (url.origin !== new URL(page.url() || response.url).origin) return;
      const header = (name: string) => Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1];
      seen.set(requestId, { url: url.pathname, status: response.status, encoding: header('content-encoding'), cacheControl: header('cache-control'), fromCache: false, encodedBytes: 0 });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const entry = seen.get(requestId);
      if (entry) entry.encodedBytes = encodedDataLength;
    });
    const visit = async (path: string, heading: string) => {
      seen.clear();
      servedFromCache.clear();
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      return [...seen].map(([requestId, entry]) => ({ ...entry, fromCache: servedFromCache.has(requestId) }));
    };

    const first = (await visit('/sign-in', 'Sign in')).filter((s) => s.url.startsWith('/assets/'));
    const scripts = first.filter((s) => /\.(js|css)$/.test(s.url));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      expect(file.status, file.url).toBe(200);
      expect(file.cacheControl, file.url).toBe('public, max-age=31536000, immutable');
    }
    // The 3D code (three.js and the model parsers, some 670 KB) loads with the first 3D view, not
    // with every page: three.js marks the window when it runs.
    expect(await page.evaluate(() => (window as unknown as { __THREE__?: string }).__THREE__)).toBeUndefined();
    // The app's first script (React, the sign-in and account pages; every other page is a chunk of its
    // own), some 300 KB as built, travels as Brotli at about a quarter of that.
    const main = scripts.find((s) => /\/index-[\w-]+\.js$/.test(s.url));
    expect(main?.encoding).toBe('br');
    expect(main!.encodedBytes).toBeGreaterThan(0);
    expect(main!.encodedBytes).toBeLessThan(120_000);

    // Another page of the app, loaded afresh: the same files, none of them fetched again.
    const second = await visit('/sign-up', 'Create your account');
    const assetsAgain = second.filter((s) => s.url.startsWith('/assets/'));
    expect(assetsAgain.map((s) => s.url)).toContain(main!.url);
    for (const file of assetsAgain) expect(file, `${file.url} fetched again`).toMatchObject({ fromCache: true, encodedBytes: 0 });
    // The page itself is asked for each time, so a new release shows at once.
    expect(second.find((s) => s.url === '/sign-up')).toMatchObject({ status: 200, cacheControl: 'no-cache', fromCache: false });
    expect(browser.problems).toEqual([]);
  });

  it('loads the whole page again, once, when a page\'s code is missing, then says it could not be loaded', async () => {
    const page = browser.page;
    // As after a new release: the chunk the running app names is gone from the server.
    let asked = 0;
    await page.route(/\/assets\/request-form-page-[\w-]+\.js$/, (route) => {
      asked++;
      return route.fulfill({ status: 404, body: '' });
    });
    const loads = await followRequestLink(page, 'This page could not be loaded');
    expect(new URL(page.url()).pathname).toBe('/privacy/requests');
    expect({ loads: loads(), asked }).toEqual({ loads: 1, asked: 2 });
    await screenshot(page, 'web-delivery-page-code-missing');
    // The rest of the app still works.
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie settings' }).waitFor();
    await page.unroute(/\/assets\/request-form-page-[\w-]+\.js$/);
    expect(browser.problems).toEqual([]);
  });

  it('says a page failed while drawing, not that its code did not arrive, when the code came and threw', async () => {
    const page = browser.page;
    // The page's chunk arrives, and its component throws: a defect, not a dropped connection.
    const { logged, loads } = await openRequestPageServedAs(page, "export const RequestFormPage = () => { throw new Error('drawn wrong'); };");
    await page.getByText('Something went wrong while drawing it').waitFor();
    expect(await page.getByText('Its code did not arrive').count()).toBe(0);
    // No reload for a defect: it would only fail again.
    expect(loads()).toBe(0);
    expect(logged.some((text) => text.includes('This page failed while drawing'))).toBe(true);
    await screenshot(page, 'web-delivery-page-failed-to-draw');
    await page.getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cookie settings' }).waitFor();
    await page.unroute(/\/assets\/request-form-page-[\w-]+\.js$/);
  });

  it('says a page failed, without reloading, when its code came and threw as it ran (a defect, not a dropped connection)', async () => {
    const page = browser.page;
    // The chunk arrives whole and throws while it is evaluated, before any component exists: as a
    // module-level call to something this browser lacks would.
    const { logged, loads } = await openRequestPageServedAs(page, "throw new TypeError('evaluated wrong');\nexport const RequestFormPage = () => null;");
    expect(await page.getByText('Its code did not arrive').count()).toBe(0);
    expect(loads()).toBe(0);
    expect(logged.some((text) => text.includes('This page failed while drawing') && text.includes('evaluated wrong'))).toBe(true);
    await page.unroute(/\/assets\/request-form-page-[\w-]+\.js$/);
  });

  it('where the browser refuses storage, pages still load, and a missing one says so without reloading', async () => {
    const blocked = await openBrowser(new URL(browser.page.url()).origin);
    try {
      const page = blocked.page;
      // As Chromium does for a site whose storage is blocked: touching it throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'sessionStorage', {
          get() {
            throw new DOMException('The site may not use storage.', 'SecurityError');
          },
        });
      });
      await page.goto('/account/closed');
      await page.getByRole('heading', { level: 1, name: 'Your account is closed' }).waitFor();
      await page.getByText('The list of what we keep was sent to you by e-mail.').waitFor();
      await page.goto('/privacy/requests');
      await page.getByRole('heading', { level: 1, name: 'Make a privacy request' }).waitFor();
      await page.route(/\/assets\/cookie-settings-page-[\w-]+\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
      let loads = 0;
      page.on('load', () => loads++);
      await page.getByRole('link', { name: 'Cookie settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
      expect(loads).toBe(0);
      expect(blocked.problems).toEqual([]);
    } finally {
      await blocked.close();
    }
  });
});

/**
 * Serves the privacy-request page's chunk as `body`, follows the link to it from the sign-in page, and
 * waits for the page that says it could not be shown. Returns the console errors logged meanwhile and
 * a count of the page loads since the sign-in page was shown (a reload would count). The route stays
 * for the caller to remove.
 */
async function openRequestPageServedAs(page: Page, body: string): Promise<{ logged: string[]; loads: () => number }> {
  await page.route(/\/assets\/request-form-page-[\w-]+\.js$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') logged.push(message.text());
  });
  return { logged, loads: await followRequestLink(page, 'This page could not be shown') };
}

/**
 * From the sign-in page, follows the link to the privacy-request page and waits for `heading`. Returns
 * a count of the page loads since the sign-in page was shown (a reload would count).
 */
async function followRequestLink(page: Page, heading: string): Promise<() => number> {
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  let loads = 0;
  page.on('load', () => loads++);
  await page.getByRole('link', { name: 'Make a privacy request' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return () => loads;
}
