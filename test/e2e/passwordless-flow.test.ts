/**
 * The web app in real Chromium under a privacy policy without passwords, phones, companies or IP
 * addresses (as seeds 001 and 004): sign up without a password, sign in by the e-mailed link, and
 * find no form asking for what the policy does not declare.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestMailTo } from '../../src/test-support/http-client.js';
import { defaultWithout, putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, openBrowser, screenshot, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const USER = { email: 'robin@example.test', name: 'Robin Linkwell', jobTitle: 'Product designer' };

describe.skipIf(!hasChromium)('passwordless sign-up and sign-in in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    await putPolicyInForce(app, defaultWithout('credentials.password', 'contact.phone', 'account.company', 'technical.ip'));
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('signs up without a password, signs in by the e-mailed link, which works once', async () => {
    const page = browser.page;
    await page.goto('/sign-up');
    await heading(page, 'Create your account');
    await page.getByText('You sign in with a link we e-mail to this address each time').waitFor();
    expect(await fieldNames(page)).toEqual(['name', 'email', 'jobTitle', 'ageConfirmed', 'policyAccepted']);
    await page.getByLabel('Full name').fill(USER.name);
    await page.getByLabel('E-mail address').fill(USER.email);
    await page.getByLabel('Job title').fill(USER.jobTitle);
    await page.getByLabel(/I confirm I am/).check();
    await page.getByLabel(/I have read and accept/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading(page, 'Check your inbox');
    await screenshot(page, 'passwordless-01-signed-up');

    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    // The heading renders before the form, which waits for the policy's sign-in method.
    await page.getByLabel('E-mail address').waitFor();
    expect(await fieldNames(page)).toEqual(['email']);
    await page.getByLabel('E-mail address').fill(USER.email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await page.getByText(`If an account uses ${USER.email}, a sign-in link is on its way.`).waitFor();
    await screenshot(page, 'passwordless-02-link-sent');

    const { token, message } = await latestMailTo(app, USER.email);
    expect(message.kind).toBe('accounts.sign_in_link');
    await page.goto(`/sign-in/link?token=${token}`);
    await heading(page, 'You are signed in');
    await page.getByRole('link', { name: 'Go to your account' }).click();
    await heading(page, 'Account settings');
    await page.getByText(`Signed in as ${USER.email}`).waitFor();
    // The profile form loads after the heading: wait for its first field before listing them.
    await page.getByLabel('Job title').waitFor();
    // Only the declared profile fields; no password to change, none asked to change the address.
    expect(await fieldNames(page)).toEqual(['name', 'jobTitle', 'newEmail']);
    expect(await page.getByLabel('Job title').inputValue()).toBe(USER.jobTitle);
    await screenshot(page, 'passwordless-03-account');

    // The link works once.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`/sign-in/link?token=${token}`);
    await page.getByText('This link is invalid or has expired').waitFor();
    expect(browser.problems).toEqual([]);
  }, 120_000);
});

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The names of the visible form controls inside the page's main content, in order. */
async function fieldNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main input, main select, main textarea')]
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .map((el) => el.getAttribute('name') ?? ''),
  );
}
