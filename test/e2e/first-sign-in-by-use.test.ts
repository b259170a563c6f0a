/**
 * Where using the service is acceptance (seed 000's `acceptance: by_use`), in real Chromium: the
 * sign-in page says that signing in and using the service accepts the policy, linked at the version
 * in force, before the first use of an account made for someone records that acceptance by use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAcceptedByUse } from '../../src/modules/privacy/acceptance-test-support.js';
import { CLI_ACTOR } from '../../src/platform/unit-of-work/index.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, heading, openBrowser, screenshot, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const CUSTOMER = { email: 'used@example.test', name: 'Uma Used', password: 'a password the operator set' };

describe.skipIf(!hasChromium)('acceptance by use at the first sign-in, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let customerId: string;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained' });
    app = served.app;
    await publishAcceptedByUse(app);
    ({ id: customerId } = await app.services.accounts.createUser(CLI_ACTOR, { ...CUSTOMER, role: 'customer' }, { requestId: 'e2e' }));
    browser = await openBrowser(`http://127.0.0.1:${served.port}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('tells the person on the sign-in page that using the service accepts the policy, then records it by use', async () => {
    const page = browser.page;
    const active = await app.services.policy.current();
    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByText('By signing in and using this service, you accept our privacy policy').waitFor();
    const link = form.getByRole('link', { name: `privacy policy (version ${active.version})` });
    expect(await link.getAttribute('href')).toBe(`/privacy?version=${active.version}`);
    await screenshot(page, 'sign-in-accepted-by-use');
    expect(await app.db.selectFrom('policy_acceptances').select('id').where('user_id', '=', customerId).execute()).toEqual([]);

    await page.getByLabel('E-mail address').fill(CUSTOMER.email);
    await page.getByLabel('Password').fill(CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).not.toBe('Our privacy policy');
    const rows = await app.db.selectFrom('policy_acceptances').select(['version', 'how']).where('user_id', '=', customerId).execute();
    expect(rows).toEqual([{ version: active.version, how: 'by_use' }]);
    expect(browser.problems).toEqual([]);
  });
});
