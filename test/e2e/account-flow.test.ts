/**
 * The web app in real Chromium against the real server on a fresh database: sign up, confirm the
 * address from the admin outbox, sign in, change the password, sign out another device, and use
 * the sign-in form by keyboard alone. Screenshots of each step go to test-results/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailTo } from '../../src/test-support/http-client.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, signIn, type Browser, submitSignIn, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const ADMIN = { email: 'admin@example.test', name: 'Ada Admin', password: 'admin password for e2e' };
const USER = { email: 'casey@example.test', name: 'Casey Customer', password: 'first password 1234', newPassword: 'second password 5678', resetPassword: 'third password after reset' };

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let app: TestApp;
  let baseUrl: string;
  let first: Browser;
  let second: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    const address = { port: served.port };
    baseUrl = `http://127.0.0.1:${address.port}`;
    await app.services.accounts.createUser({ id: null, role: 'operator-cli' }, { ...ADMIN, role: 'admin' }, { requestId: 'e2e' });
    [first, second] = await Promise.all([openBrowser(baseUrl), openBrowser(baseUrl)]);
  });

  afterAll(async () => {
    await Promise.allSettled([first?.close(), second?.close()]);
    await app?.dispose();
  });

  it('signs up, confirms the address from the outbox, changes the password and signs out another device', async () => {
    const a = first.page;
    const b = second.page;

    // The age label follows the published manifest when /privacy.json answers, generic otherwise.
    await a.route('**/privacy.json', (route) => route.fulfill({ json: { minimum_age: 16 } }));
    await a.goto('/sign-up');
    await a.getByLabel('I confirm I am at least 16 years old, the minimum age to use this service under its privacy policy').waitFor();
    await a.unroute('**/privacy.json');
    const published = await fetch(`${baseUrl}/privacy.json`);
    const manifest = published.headers.get('content-type')?.includes('json') ? ((await published.json()) as { minimum_age?: number }) : null;
    const ageLabel = manifest?.minimum_age
      ? `I confirm I am at least ${manifest.minimum_age} years old, the minimum age to use this service under its privacy policy`
      : 'I confirm I am old enough to use this service under its privacy policy';

    // Sign up.
    await a.goto('/sign-up');
    await heading(a, 'Create your account');
    await a.getByLabel(ageLabel, { exact: true }).waitFor();
    await expectEveryControlLabelled(a);
    await a.getByLabel('Full name').fill(USER.name);
    await a.getByLabel('E-mail address').fill(USER.email);
    await a.getByLabel('Password', { exact: true }).fill('too short');
    await a.getByLabel('Company').fill('Prism Prints Ltd');
    await a.getByRole('button', { name: 'Create account' }).click();
    // The form's own checks: each message beside its field, focus on the first problem.
    await a.getByText('Use at least 12 characters.').waitFor();
    await a.getByText('Tick this box to confirm you meet the minimum age.').waitFor();
    // The form moves focus in an effect after the failed submit renders: polled, not read once.
    await expect.poll(() => a.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    expect(await a.getByRole('alert').first().textContent()).toContain('Please correct the fields marked below.');
    await screenshot(a, '01-sign-up-errors');
    await a.getByLabel('Password', { exact: true }).fill(USER.password);
    await a.getByLabel(ageLabel, { exact: true }).check();
    await a.getByLabel(/I have read and accept the privacy policy/).check();
    await a.getByRole('button', { name: 'Create account' }).click();
    await heading(a, 'Check your inbox');
    await a.getByText(USER.email).waitFor();
    await screenshot(a, '02-sign-up-done');

    // Signing in before confirming is refused with the server's explanation.
    await submitSignIn(a, { email: USER.email, password: USER.password });
    await a.getByText('Confirm your e-mail address first').waitFor();

    // The admin reads the outbox (no mail server) and finds the confirmation link. Made on the console,
    // the account is first asked to accept the privacy policy (signIn accepts it).
    await signIn(b, ADMIN);
    await heading(b, 'Account settings');
    await clickNavLink(b, 'Outbox');
    await heading(b, 'Outbox');
    await b.getByLabel('Recipient').fill(USER.email);
    await b.getByRole('button', { name: 'Filter' }).click();
    const link = b.locator('article .message-text a[href*="/verify-email?token="]').first();
    await link.waitFor();
    await screenshot(b, '03-admin-outbox');
    const href = await link.getAttribute('href');
    const token = new URL(href ?? '').searchParams.get('token');
    expect(token).toBeTruthy();
    await b.getByRole('link', { name: 'Users' }).click();
    await heading(b, 'Users');
    await b.getByRole('cell', { name: USER.email }).waitFor();
    await expectEveryControlLabelled(b);
    await screenshot(b, '04-admin-users');
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await heading(b, 'Sign in');

    // The user follows the link (on the real port, not the configured public URL).
    await a.goto(`/verify-email?token=${encodeURIComponent(token ?? '')}`);
    await a.getByText('Your e-mail address is confirmed.').waitFor();
    await screenshot(a, '05-email-verified');

    // Sign in and change the password.
    await submitSignIn(a, { email: USER.email, password: USER.password });
    await heading(a, 'Account settings');
    await expectEveryControlLabelled(a);
    const passwordForm = a.getByRole('form', { name: 'Change password' });
    await passwordForm.getByLabel('Current password').fill('not my password at all');
    await passwordForm.getByLabel('New password', { exact: true }).fill(USER.newPassword);
    await passwordForm.getByLabel('Repeat the new password').fill(USER.newPassword);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByText('Your current password is wrong.').waitFor();
    await passwordForm.getByLabel('Current password').fill(USER.password);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByText('Your password has been changed.').waitFor();
    await screenshot(a, '06-password-changed');

    // A second device signs in with the new password.
    await submitSignIn(b, { email: USER.email, password: USER.newPassword });
    await heading(b, 'Account settings');

    // The first device sees both sessions and signs out the other one.
    await a.reload();
    await heading(a, 'Account settings');
    const sessions = a.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    await screenshot(a, '07-two-sessions');
    await a.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await a.getByText('Signed out of 1 other session.').waitFor();
    await sessions.nth(1).waitFor({ state: 'detached' });
    expect(await sessions.count()).toBe(1);
    await screenshot(a, '08-other-sessions-signed-out');

    // The second device is signed out: its next page load sends it to sign in.
    await b.reload();
    await heading(b, 'Sign in');
    expect(new URL(b.url()).pathname).toBe('/sign-in');
    expect(new URL(b.url()).searchParams.get('next')).toBe('/account');
    await screenshot(b, '09-second-device-signed-out');

    // And the server agrees: the first device still works, the old password does not.
    const me = await a.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(200);
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });

  it('signs in by keyboard alone: Tab reaches the fields and the button, Enter submits', async () => {
    const b = second.page;
    await b.goto('/sign-in');
    await heading(b, 'Sign in');
    await b.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    const order: string[] = [];
    for (let i = 0; i < 12 && order.at(-1) !== 'input:email'; i++) {
      await b.keyboard.press('Tab');
      order.push(await focusOf(b));
    }
    expect(order[0]).toBe('a:Skip to main content');
    expect(order.at(-1)).toBe('input:email');
    await b.keyboard.type(USER.email);
    await b.keyboard.press('Tab');
    expect(await focusOf(b)).toBe('input:password');
    await b.keyboard.press('Tab');
    expect(await focusOf(b)).toBe('button:Sign in');
    await b.keyboard.press('Shift+Tab');
    await b.keyboard.type(USER.newPassword);
    await screenshot(b, '10-keyboard-sign-in');
    await b.keyboard.press('Enter');
    await heading(b, 'Account settings');
    // Focus follows the navigation to the new page's heading.
    await b.locator('h1:focus').waitFor();
    expect(second.problems).toEqual([]);
  });

  it('fits a phone screen, with the navigation behind a menu button', async () => {
    const b = second.page;
    await b.setViewportSize({ width: 390, height: 844 });
    await b.goto('/account');
    await heading(b, 'Account settings');
    const overflow = await b.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await b.getByRole('link', { name: 'Account' }).waitFor({ state: 'hidden' });
    await b.getByRole('button', { name: 'Menu' }).click();
    await b.getByRole('link', { name: 'Account' }).waitFor();
    await screenshot(b, '11-phone-account-menu');
    await b.getByRole('button', { name: 'Close menu' }).click();
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).waitFor({ state: 'hidden' });
    expect(second.problems).toEqual([]);
  });

  it('lets the admin create an organisation whose admin then invites a member and sees the notice', async () => {
    const a = first.page;
    const b = second.page;
    await b.setViewportSize({ width: 1280, height: 860 });
    await b.goto('/account');
    await b.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await heading(b, 'Sign in');
    await signIn(b, ADMIN);
    await heading(b, 'Account settings');
    await b.getByRole('link', { name: 'Organisations' }).click();
    await heading(b, 'Organisations');
    const create = b.getByRole('form', { name: 'Create an organisation' });
    await create.getByLabel('Name').fill('Prism Prints');
    await create.getByLabel('E-mail domains').fill('gmail.com');
    await create.getByRole('button', { name: 'Create organisation' }).click();
    await create.getByText('gmail.com is a public e-mail provider').waitFor();
    await create.getByLabel('E-mail domains').fill('prismprints.test, @Prism-Prints.test');
    await create.getByLabel(/First administrator/).fill(USER.email);
    await create.getByRole('button', { name: 'Create organisation' }).click();
    await create.getByText('Prism Prints has been created.').waitFor();
    const domains = b.getByRole('row', { name: /Prism Prints/ }).getByRole('cell').first();
    await domains.waitFor();
    expect((await domains.textContent())?.split(', ').sort()).toEqual(['prism-prints.test', 'prismprints.test']);
    await screenshot(b, '12-admin-organisations');

    // The new organisation admin sees the notice on their account and manages members.
    await a.goto('/account');
    await a.getByRole('heading', { name: 'Your account is managed by Prism Prints' }).waitFor();
    await a.getByText('Its administrators can control your account').waitFor();
    await screenshot(a, '13-account-with-organisation-notice');
    await clickNavLink(a, 'Organisation');
    await heading(a, 'Prism Prints');
    await a.getByRole('rowheader', { name: /Casey Customer/ }).waitFor();
    const invite = a.getByRole('form', { name: 'Invite a member' });
    await invite.getByLabel('E-mail address').fill('dana@prismprints.test');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.getByText('Invitation sent to dana@prismprints.test.').waitFor();
    await a.getByRole('region', { name: 'Pending invitations' }).getByText('dana@prismprints.test').waitFor();
    await expectEveryControlLabelled(a);
    await screenshot(a, '14-organisation-members');
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
  });

  // Last: a reset signs the account out everywhere.
  it('resets a forgotten password from the e-mailed link', async () => {
    const visitor = await openBrowser(baseUrl);
    try {
      const c = visitor.page;
      await c.goto('/sign-in');
      await c.getByRole('link', { name: 'Forgot your password?' }).click();
      await heading(c, 'Reset your password');
      await c.getByLabel('E-mail address').fill(USER.email);
      await c.getByRole('button', { name: 'Send reset link' }).click();
      await c.getByText(`If an account uses ${USER.email}, a link to reset its password is on its way.`).waitFor();
      await screenshot(c, '10b-reset-link-sent');
      const { token } = await latestMailTo(app, USER.email);
      expect(token).toBeTruthy();
      await c.goto(`/reset-password?token=${encodeURIComponent(token ?? '')}`);
      await heading(c, 'Choose a new password');
      await c.getByLabel('New password', { exact: true }).fill(USER.resetPassword);
      await c.getByLabel('Repeat the new password').fill(USER.resetPassword);
      await c.getByRole('button', { name: 'Save new password' }).click();
      await heading(c, 'Password changed');
      await submitSignIn(c, { email: USER.email, password: USER.resetPassword });
      await heading(c, 'Account settings');
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}


/** Every visible form control on the page has an accessible name from a label. */
async function expectEveryControlLabelled(page: Page) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !(el as HTMLInputElement).hidden && (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
      .map((el) => el.getAttribute('name')),
  );
  expect(unlabelled).toEqual([]);
}

/** What has keyboard focus, as `tag:type-or-name` (inputs) or `tag:text` (links and buttons). */
async function focusOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return 'none';
    const tag = el.tagName.toLowerCase();
    if (el instanceof HTMLInputElement) return `${tag}:${el.type}`;
    return `${tag}:${(el.textContent ?? '').trim()}`;
  });
}
