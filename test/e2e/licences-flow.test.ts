/**
 * A customer sees their software licence and the devices it is activated on, in Chromium against
 * the real server, and deactivates one of them (a lost laptop); the desktop API then no longer knows
 * that machine. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, signIn, browserPool, type Browser } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const ADMIN = { email: 'ada@example.test', name: 'Ada Admin', password: 'admin password for e2e' };
const CUSTOMER = { email: 'carl@example.test', name: 'Carl Customer', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('a customer’s licences in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let key: string;
  let customer: Browser;
  const browsers = browserPool(() => baseURL);

  const activate = async (fingerprint: string, name: string, platform: string) => {
    const res = await app.http.inject({ method: 'POST', url: '/api/desktop/v1/machines', headers: { authorization: `License ${key}` }, payload: { fingerprint, name, platform, version: '3.2.1' } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const validate = async (fingerprint: string) =>
    (await app.http.inject({ method: 'POST', url: '/api/desktop/v1/licenses/actions/validate-key', payload: { key, scope: { fingerprint } } })).json<{ meta: { code: string } }>().meta.code;

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    const { id: adminId } = await app.services.accounts.createUser(CLI, { ...ADMIN, role: 'admin' }, ctx);
    await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx);
    const admin = { userId: adminId, sessionId: 'e2e', role: 'admin' as const };
    const { id: productId } = await app.services.licensing.createProduct(admin, { code: 'crystal-pro', name: 'CrystalMe3D Pro' }, ctx);
    const { id: policyId } = await app.services.licensing.createPolicy(
      admin,
      { productId, name: 'Studio, 3 seats', maxMachines: 3, floating: true, requireHeartbeat: false, heartbeatSeconds: 3600, offlineAllowed: true, fileTtlSeconds: 1_209_600, durationSeconds: 31_536_000 },
      ctx,
    );
    ({ key } = await app.services.licensing.issueLicence(admin, { policyId, ownerEmail: CUSTOMER.email, entitlements: ['EXPORT_STEP', 'RENDER_4K'] }, ctx));
    await activate('fp-e2e-workstation', 'Studio workstation', 'win32-x64');
    await activate('fp-e2e-laptop', 'Old laptop', 'darwin-arm64');
    customer = await browsers.open();
    await signIn(customer.page, CUSTOMER);
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  it('shows the licence with its devices, and deactivates one', async () => {
    const page = customer.page;
    await page.getByRole('link', { name: 'Licences' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor();
    const card = page.getByRole('article', { name: 'CrystalMe3D Pro — Studio, 3 seats' });
    await card.getByText(key).waitFor();
    await expect(card.getByRole('row', { name: /Studio workstation/ }).isVisible()).resolves.toBe(true);
    await expect(card.getByRole('row', { name: /Old laptop/ }).isVisible()).resolves.toBe(true);
    await card.getByText('2 of 3').waitFor();
    await screenshot(page, 'licences-before-deactivation');

    const laptop = card.getByRole('row', { name: /Old laptop/ });
    await laptop.getByRole('button', { name: 'Deactivate' }).click();
    await laptop.getByRole('button', { name: 'Deactivate Old laptop' }).click();
    await page.getByText('Old laptop was deactivated.').waitFor();
    await card.getByText('1 of 3').waitFor();
    await expect(card.getByRole('row', { name: /Old laptop/ }).count()).resolves.toBe(0);
    await screenshot(page, 'licences-after-deactivation');

    expect(await validate('fp-e2e-laptop')).toBe('FINGERPRINT_SCOPE_MISMATCH');
    expect(await validate('fp-e2e-workstation')).toBe('VALID');
  });

  it('lets an admin suspend the licence, which the customer and the desktop app then see', async () => {
    const admin = await browsers.open();
    await signIn(admin.page, ADMIN);
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licences' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor();
    const row = admin.page.getByRole('row', { name: new RegExp(key) });
    await row.getByRole('button', { name: 'Suspend' }).click();
    await admin.page.getByText(`Licence ${key} was suspended.`).waitFor();
    await row.getByRole('button', { name: 'Reinstate' }).waitFor();
    await screenshot(admin.page, 'licences-admin-suspended');
    expect(await validate('fp-e2e-workstation')).toBe('SUSPENDED');
    await customer.page.reload();
    await customer.page.getByRole('article', { name: 'CrystalMe3D Pro — Studio, 3 seats' }).getByText('Suspended').waitFor();
  });
});
