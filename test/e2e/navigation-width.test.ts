/**
 * The top bar in Chromium: an administrator's and a customer's links fit one row at 1280 px, the
 * less-used ones under a "More" menu that works from the keyboard; from 1100 px down to 375 px the
 * menu button lists every link. Screenshots at both widths go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createOrgWithMembers } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { browserPool, CHROMIUM_PATH, clickNavLink, hasChromium, screenshot, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const ADMIN = { email: 'root@operator.test', name: 'Oscar Operator', password: 'operator password for e2e' };
const CUSTOMER = { email: 'cleo@acme.test', name: 'Cleo Customer', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

/** The distinct rows the bar's visible links and buttons (or other `items`) sit on (their vertical centres, rounded). */
async function barRows(page: Page, items = '.topbar .nav-link:visible, .topbar .nav-user:visible'): Promise<number> {
  const centres = await page.locator(items).evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
  return new Set(centres.map((c) => Math.round(c / 8))).size;
}

describe.skipIf(!hasChromium)('the top bar at 1280 and 375 px', () => {
  let app: TestApp;
  let baseURL: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    const admin = await app.services.accounts.createUser(CLI, { ...ADMIN, role: 'admin' }, ctx);
    const customer = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx);
    await createOrgWithMembers(app, { operatorId: admin.id, name: 'Acme Design', adminId: customer.id, adminEmail: CUSTOMER.email, members: [] });
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  for (const [who, person] of [['admin', ADMIN], ['customer', CUSTOMER]] as const) {
    it(`keeps the ${who}'s bar on one row at 1280 px, with a keyboard-usable More menu`, async () => {
      const { page, problems } = await browsers.open();
      await signIn(page, person);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const more = nav.getByRole('button', { name: /^More/ });
      await more.waitFor();
      await screenshot(page, `nav-${who}-1280`);
      expect(await barRows(page)).toBe(1);

      // Keyboard: Enter opens, Tab reaches its links, Escape closes and returns to the button.
      await more.focus();
      await page.keyboard.press('Enter');
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.closest('.nav-more-panel') !== null);
      expect(focused).toBe(true);
      await page.keyboard.press('Escape');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      // Focus goes back to the button in an effect after the menu closes: polled, not read once.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('nav-more-button'))).toBe(true);
      // The open menu's screenshot comes after the keyboard checks: a full-page capture can take focus
      // from the page (a focusout with no new target, seen right after Tab), and the menu then closes.
      await page.keyboard.press('Enter');
      await screenshot(page, `nav-${who}-1280-more`);

      // A link under More opens its page, and the menu closes.
      await clickNavLink(page, 'What you receive');
      await page.getByRole('heading', { level: 1, name: 'What you receive from us' }).waitFor();
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      expect(problems).toEqual([]);
    });

    it(`keeps the ${who}'s bar on one row from 720 to 1100 px, its links behind the menu button`, async () => {
      const { page, problems } = await browsers.open();
      await signIn(page, person);
      for (const width of [720, 900, 1100]) {
        await page.setViewportSize({ width, height: 800 });
        const menu = page.getByRole('button', { name: 'Menu' });
        await menu.waitFor();
        expect(await barRows(page, '.topbar .brand, .topbar .menu-button'), `${width} px`).toBe(1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
        await screenshot(page, `nav-${who}-${width}`);
        await menu.click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What you receive' }).waitFor();
        await screenshot(page, `nav-${who}-${width}-open`);
        await page.getByRole('button', { name: 'Close menu' }).click();
      }
      expect(problems).toEqual([]);
    });

    it(`lists every link of the ${who}'s bar behind the menu button at 375 px`, async () => {
      const { page, problems } = await browsers.open();
      await page.setViewportSize({ width: 375, height: 800 });
      await signIn(page, person);
      await page.getByRole('button', { name: 'Menu' }).click();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'What you receive' }).waitFor();
      expect(await nav.getByRole('button', { name: /^More/ }).isVisible()).toBe(false);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await screenshot(page, `nav-${who}-375`);
      await nav.getByRole('link', { name: 'Account', exact: true }).click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(problems).toEqual([]);
    });
  }
});
