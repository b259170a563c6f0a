import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(PROJECT_ROOT, 'test-results', 'screenshots');

export type Browser = {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and CSP violations seen so far; a test expects none. */
  problems: string[];
  close(): Promise<void>;
};

/** One Chromium with its own profile: separate cookies, like a second device. */
export async function openBrowser(baseURL: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'meshvault-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    baseURL,
    viewport: { width: 1280, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The browsers one test file opens: `open()` one more; `closeAll()` in afterAll. */
export function browserPool(baseURL: () => string) {
  const opened: Browser[] = [];
  return {
    open: async (): Promise<Browser> => {
      const browser = await openBrowser(baseURL());
      opened.push(browser);
      return browser;
    },
    closeAll: async () => {
      for (const browser of opened.splice(0)) await browser.close();
    },
  };
}

/**
 * The whole page as a PNG in test-results/screenshots. A page that fits the window is taken as the
 * window shows it: the same picture, without the resize a full-page capture makes Chromium lay out and
 * draw twice for (about 180 ms of CPU against 45 ms, and the suite takes some 160).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const fits = await page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollHeight <= window.innerHeight && root.scrollWidth <= window.innerWidth;
  });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: !fits });
}

/** Waits for the page's main heading. */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Fills in and sends the sign-in form (the outcome, a page or an error, is the caller's to check). */
export async function submitSignIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in and waits until the app has left the sign-in page. An account made for its owner (tests
 * make people the operator's way) is first asked to accept the privacy policy: accepted here, as its
 * owner would, so the page the test goes on with is the one it asked for.
 */
export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await submitSignIn(page, who);
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await acceptPolicyIfAsked(page);
}

export const ACCEPT_POLICY_HEADING = 'Our privacy policy';

/** On the page that asks a signed-in person to accept the policy: ticks the box (where there is one) and continues. */
export async function acceptPolicyIfAsked(page: Page): Promise<void> {
  // The sign-in page reads /api/me before it navigates, so the first heading is already the right page's.
  const first = page.getByRole('heading', { level: 1 }).first();
  await first.waitFor();
  if ((await first.textContent()) !== ACCEPT_POLICY_HEADING) return;
  const form = page.getByRole('form', { name: 'Accept the privacy policy' });
  await form.waitFor();
  const box = form.getByRole('checkbox');
  if ((await box.count()) > 0) await box.check();
  await form.getByRole('button', { name: /continue/i }).click();
  await page.getByRole('heading', { level: 1, name: ACCEPT_POLICY_HEADING }).waitFor({ state: 'detached' });
}

/**
 * Follows a link of the top bar by its label, opening the bar's "More" menu first when the link is
 * listed there (a crowded bar keeps its less-used links under it).
 */
export async function clickNavLink(page: Page, name: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name, exact: typeof name === 'string' });
  const more = nav.getByRole('button', { name: /^More/ });
  await link.or(more).first().waitFor();
  if (!(await link.isVisible())) await more.click();
  await link.click();
}
