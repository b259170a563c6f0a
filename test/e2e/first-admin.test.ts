/**
 * The first start's generated administrator password in real Chromium: signing in with it leads
 * only to "Choose a new password"; once a new one is chosen the admin pages work, the page asked
 * for opens, and a second browser signed in with the one-time password is signed out.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../src/server/first-admin.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { ACCEPT_POLICY_HEADING, acceptPolicyIfAsked, CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser, submitSignIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const NEW_PASSWORD = 'only the admin knows this';

describe.skipIf(!hasChromium)('first administrator in Chromium', () => {
  let app: TestApp;
  let first: Browser;
  let second: Browser;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    const created = await ensureFirstAdmin(app.services.accounts, { email: undefined, password: undefined });
    if (!created?.password) throw new Error('no generated password');
    admin = { email: created.email, password: created.password };
    const baseUrl = `http://127.0.0.1:${served.port}`;
    [first, second] = await Promise.all([openBrowser(baseUrl), openBrowser(baseUrl)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([first?.close(), second?.close()]);
    await app?.dispose();
  });

  it('makes the admin replace the one-time password before anything else, then opens the page asked for', async () => {
    const a = first.page;
    const b = second.page;

    // Another browser signs in with the same one-time password and is held at the same screen.
    await submitSignIn(b, admin);
    await heading(b, 'Choose a new password');

    // The admin asks for the users page, is sent to sign in, and gets only the new-password screen.
    await a.goto('/admin/users');
    await heading(a, 'Sign in');
    expect(new URL(a.url()).searchParams.get('next')).toBe('/admin/users');
    await a.getByLabel('E-mail address').fill(admin.email);
    await a.getByLabel('Password').fill(admin.password);
    await a.getByRole('button', { name: 'Sign in' }).click();
    await heading(a, 'Choose a new password');
    await a.getByText('The password you signed in with was a one-time password').waitFor();
    const nav = a.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').count()).toBe(0);
    await nav.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(a.url()).pathname).toBe('/admin/users');
    await screenshot(a, 'first-admin-01-choose-new-password');
    await a.setViewportSize({ width: 390, height: 844 });
    expect(await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(a, 'first-admin-01-choose-new-password-phone');
    await a.setViewportSize({ width: 1280, height: 860 });

    // The server agrees: other APIs are refused with the reason, /api/me says why.
    const refused = await a.evaluate(async () => {
      const res = await fetch('/api/admin/users');
      return { status: res.status, body: (await res.json()) as { reason?: string; detail?: string } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('password_change_required');
    expect(refused.body.detail).toBe('Choose a new password first: the one you signed in with was a one-time password.');

    // Mistakes are explained beside their fields.
    const form = a.getByRole('form', { name: 'Change password' });
    await form.getByLabel('One-time password').fill('not the printed one');
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your current password is wrong.').waitFor();
    await form.getByLabel('One-time password').fill(admin.password);
    await form.getByLabel('New password', { exact: true }).fill(admin.password);
    await form.getByLabel('Repeat the new password').fill(admin.password);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Choose a password different from the current one.').waitFor();
    await screenshot(a, 'first-admin-02-mistakes');

    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();

    // The account was made for the admin, so nobody has accepted the privacy policy yet: that comes next.
    await heading(a, ACCEPT_POLICY_HEADING);
    expect(await a.getByRole('navigation', { name: 'Main' }).getByRole('link').count()).toBe(0);
    await screenshot(a, 'first-admin-02b-accept-policy');
    const stillRefused = await a.evaluate(async () => (await (await fetch('/api/admin/users')).json()) as { reason?: string });
    expect(stillRefused.reason).toBe('policy_acceptance_required');
    await acceptPolicyIfAsked(a);

    // The page the admin asked for opens, with focus on its heading, and the admin pages work.
    await heading(a, 'Users');
    expect(new URL(a.url()).pathname).toBe('/admin/users');
    await a.locator(':focus').filter({ hasText: /^Users$/ }).waitFor();
    await a.getByRole('cell', { name: admin.email }).waitFor();
    await screenshot(a, 'first-admin-03-users-after-change');
    await clickNavLink(a, 'Outbox');
    await heading(a, 'Outbox');
    await a.getByText('Your password was changed').first().waitFor();
    await screenshot(a, 'first-admin-04-outbox');
    await a.reload();
    await heading(a, 'Outbox');

    // The other browser's session was opened with the one-time password: it has ended.
    await b.reload();
    await heading(b, 'Sign in');
    await submitSignIn(b, admin);
    await b.getByText('The e-mail address or password is wrong.').waitFor();
    await submitSignIn(b, { email: admin.email, password: NEW_PASSWORD });
    await heading(b, 'Account settings');

    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });
});

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

