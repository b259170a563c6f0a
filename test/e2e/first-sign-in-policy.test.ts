/**
 * An account the operator made (`meshvault user create`) in real Chromium: its owner's first sign-in
 * shows only the privacy policy to accept, the server refuses the other pages' requests with the
 * reason, and once the box is ticked the page asked for opens. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/platform/unit-of-work/index.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { ACCEPT_POLICY_HEADING, CHROMIUM_PATH, hasChromium, heading, openBrowser, screenshot, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const CUSTOMER = { email: 'made-for@example.test', name: 'Morgan Made', password: 'a password the operator set' };

describe.skipIf(!hasChromium)('first sign-in of an account made by the operator, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let customerId: string;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    ({ id: customerId } = await app.services.accounts.createUser(CLI_ACTOR, { ...CUSTOMER, role: 'customer' }, { requestId: 'e2e' }));
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('asks for the policy before anything else, refuses the API meanwhile, records the acceptance, then opens the page asked for', async () => {
    const page = browser.page;
    const active = await app.services.policy.current();

    // The person follows a link to their account page and is sent to sign in first.
    await page.goto('/account');
    await heading(page, 'Sign in');
    await page.getByLabel('E-mail address').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, ACCEPT_POLICY_HEADING);
    expect(new URL(page.url()).pathname).toBe('/account');
    const form = page.getByRole('form', { name: 'Accept the privacy policy' });
    const link = form.getByRole('link', { name: `privacy policy (version ${active.version})` });
    expect(await link.getAttribute('href')).toBe(`/privacy?version=${active.version}`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').count()).toBe(0);
    await nav.getByRole('button', { name: 'Sign out' }).waitFor();
    await screenshot(page, 'first-sign-in-policy-1-asked');

    // The server agrees: the account page's data is refused with the reason and the version to accept.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/me/sessions');
      return { status: res.status, body: (await res.json()) as { reason?: string; version?: number; documentHash?: string } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ reason: 'policy_acceptance_required', version: active.version, documentHash: active.hash });

    // Continuing without ticking the box is explained beside it; nothing is recorded.
    await form.getByRole('button', { name: 'Accept and continue' }).click();
    await form.getByText('Tick this box to accept the privacy policy.').waitFor();
    await screenshot(page, 'first-sign-in-policy-2-not-ticked');
    expect(await app.db.selectFrom('policy_acceptances').select('id').where('user_id', '=', customerId).execute()).toEqual([]);

    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Accept and continue' }).click();
    await heading(page, 'Account settings');
    expect(new URL(page.url()).pathname).toBe('/account');
    await screenshot(page, 'first-sign-in-policy-3-accepted');
    const rows = await app.db.selectFrom('policy_acceptances').select(['version', 'document_hash', 'how']).where('user_id', '=', customerId).execute();
    expect(rows).toEqual([{ version: active.version, document_hash: active.hash, how: 'ticked' }]);
    const audit = await app.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'privacy.policy_accepted').where('subject_id', '=', customerId).execute();
    expect(audit).toEqual([{ actor_id: customerId, details: { version: active.version, documentHash: active.hash, how: 'ticked' } }]);

    // Accepted for good: a fresh load goes straight to the page.
    await page.reload();
    await heading(page, 'Account settings');
    expect(browser.problems).toEqual([]);
  });
});
