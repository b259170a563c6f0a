/**
 * The policy where people are, in real Chromium: the footer links on the app's and the server's
 * pages, sign-up links and records the exact version accepted, the policy page tells a signed-in
 * person what they accepted, and every cookie in the browser is declared in the policy in force
 * with the lifetime it states (the default's 30 days, then seed 001's "ends with the browser").
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailTo } from '../../src/test-support/http-client.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { manifestVariant } from '../../src/modules/privacy/test-manifests.js';
import { CLI_ACTOR } from '../../src/platform/unit-of-work/index.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, signIn, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const PERSON = { email: 'pia@presence.test', name: 'Pia Presence', password: 'presence password 1234' };
const ctx = { requestId: 'e2e-presence' };

describe.skipIf(!hasChromium)('the policy where people are', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: true });
    app = served.app;
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  /** Every cookie the browser holds is declared in the policy in force, with the lifetime it states. */
  async function expectOnlyDeclaredCookies() {
    const { manifest } = await app.services.policy.current();
    const cookies = await browser.context.cookies();
    for (const cookie of cookies) {
      const declared = (manifest.cookies ?? []).find((d) => d.name === cookie.name);
      expect(declared, `the browser holds ${cookie.name}, which the policy in force does not declare`).toBeDefined();
      if (!declared) continue;
      if (declared.lifetime === 'session') {
        expect(cookie.expires, `${cookie.name} should end with the browser session`).toBe(-1);
      } else {
        const { years, months, days } = declared.lifetime;
        expect(years * 12 + months, 'these manifests state cookie lifetimes in days').toBe(0);
        // Expires is when the browser received it plus the stated lifetime; received within this test's run.
        const lifetimeLeft = cookie.expires - Date.now() / 1000;
        expect(lifetimeLeft).toBeGreaterThan(days * 86_400 - 3600);
        expect(lifetimeLeft).toBeLessThanOrEqual(days * 86_400);
      }
    }
    return cookies;
  }

  async function expectFooter(page: Page) {
    const footer = page.getByRole('navigation', { name: 'Privacy' });
    expect(await footer.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy');
    expect(await footer.getByRole('link', { name: 'Make a privacy request' }).getAttribute('href')).toBe('/privacy/requests');
    expect(await footer.getByRole('link', { name: 'Cookie settings' }).getAttribute('href')).toBe('/cookie-settings');
  }

  it('signs up accepting the exact version shown, and the policy page says so afterwards', async () => {
    const page = browser.page;
    const active = await app.services.policy.current();

    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await expectFooter(page);
    const policyLink = page.getByRole('link', { name: `privacy policy (version ${active.version})` });
    expect(await policyLink.getAttribute('href')).toBe(`/privacy?version=${active.version}`);
    await page.getByLabel('Full name').fill(PERSON.name);
    await page.getByLabel('E-mail address').fill(PERSON.email);
    await page.getByLabel('Password', { exact: true }).fill(PERSON.password);
    await page.getByLabel(/I confirm I am at least/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Tick this box to accept the privacy policy.').waitFor();
    await page.getByLabel(/I have read and accept the privacy policy/).check();
    await screenshot(page, 'presence-01-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
    await expectFooter(page);

    const rows = await app.db
      .selectFrom('policy_acceptances')
      .innerJoin('users', 'users.id', 'policy_acceptances.user_id')
      .select(['policy_acceptances.version', 'policy_acceptances.document_hash', 'policy_acceptances.accepted_at', 'policy_acceptances.how'])
      .where('users.email', '=', PERSON.email)
      .execute();
    expect(rows).toEqual([expect.objectContaining({ version: active.version, document_hash: active.hash, how: 'ticked' })]);

    const { token } = await latestMailTo(app, PERSON.email);
    await app.services.accounts.verifyEmail(token ?? '', ctx);
    await signIn(page, PERSON);
    await expectFooter(page);

    // A change through the app: its CSRF token comes from the server, not from a cookie.
    await page.goto('/account');
    await page.getByLabel('Full name').fill('Pia P. Presence');
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me' && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save profile' }).click();
    expect((await saved).status()).toBe(200);

    await page.goto('/privacy');
    await page.getByText(`You last accepted version ${active.version} on ${rows[0]?.accepted_at.toISOString().slice(0, 10)}.`).waitFor();
    await expectFooter(page);
    await screenshot(page, 'presence-02-policy-page');
    await page.goto('/privacy/history');
    await expectFooter(page);

    const cookies = await expectOnlyDeclaredCookies();
    expect(cookies.map((c) => c.name)).toContain('mv_session');
  });

  it('under seed 001’s session cookie, signing in sets a cookie that ends with the browser', async () => {
    const seed = parse(readFileSync(new URL('../../examples/manifests/001-scanning-printing.yaml', import.meta.url), 'utf8')) as { cookies: Array<{ name: string; lifetime: string }> };
    const sessionCookie = seed.cookies.find((c) => c.name === 'mv_session');
    expect(sessionCookie?.lifetime).toBe('session');
    const yaml = manifestVariant((doc) => {
      doc.cookies = [{ ...sessionCookie, categories: ['technical.cookie_id'] }];
    });
    await app.services.privacy.publish(CLI_ACTOR, yaml, { requestId: ctx.requestId });

    const page = browser.page;
    await browser.context.clearCookies();
    await signIn(page, PERSON);
    const cookies = await expectOnlyDeclaredCookies();
    expect(cookies.find((c) => c.name === 'mv_session')?.expires).toBe(-1);
    await page.goto('/privacy');
    await page.getByText(/You last accepted version \d+ on/).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
