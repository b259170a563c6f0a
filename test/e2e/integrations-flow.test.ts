/**
 * A customer connects their ERP in Chromium against the real server: they give a webhook URL, pick
 * an event and the token the ERP is called with (shown back only by its last characters), copy the signing secret shown once, see the delivery arrive (verified by the test's own
 * receiver with the standardwebhooks package) and send it again from the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationsManifest, startReceiver } from '../../src/modules/integrations/integrations-test-support.js';
import { sampleProject } from '../../src/test-support/builders.js';
import { putPolicyInForce } from '../../src/test-support/policy-in-force.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, browserPool, hasChromium, screenshot, signIn, type Browser, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const CUSTOMER = { email: 'ivy@example.test', name: 'Ivy Integrator', password: 'customer password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('connecting a system in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let customer: Browser;
  let customerId: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    // The receiver listens on loopback, which the operator allows here.
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    await putPolicyInForce(app, integrationsManifest());
    ({ id: customerId } = await app.services.accounts.createUser(CLI, { ...CUSTOMER, role: 'customer' }, ctx));
    receiver = await startReceiver();
    customer = await browsers.open();
    await signIn(customer.page, CUSTOMER);
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await receiver?.close();
    await app?.dispose();
  });

  it('connects, shows the deliveries, and sends one again', async () => {
    const page = customer.page;
    await clickNavLink(page, 'Connected systems');
    await page.getByRole('heading', { level: 1, name: 'Connected systems' }).waitFor();
    await page.getByText('No system is connected.').waitFor();

    const form = page.getByRole('form', { name: 'Connect a system' });
    await form.getByLabel('Name', { exact: true }).fill('Our ERP');
    await form.getByLabel('System', { exact: true }).selectOption('erp');
    await form.getByLabel('Webhook URL').fill(receiver.url);
    await form.getByLabel('project.status_changed').check();
    // A named connector: the ERP's API is called with a bearer token, given once.
    await form.getByLabel('API key or token').fill('erp-token-e2e-1234');
    await form.getByRole('button', { name: 'Connect' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.useSecret(secret);
    await screenshot(page, 'integrations-connected');

    // Something happens to the customer: their project is cancelled, and the delivery job runs.
    const principal = { userId: customerId, sessionId: 'e2e', role: 'customer' as const };
    const { id: projectId } = await app.services.projects.create(principal, { ...sampleProject, process: 'FDM' as const, units: 'mm' as const }, ctx);
    await app.services.projects.changeStatus(principal, projectId, { status: 'cancelled', note: null }, ctx);
    await app.jobs.drain();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.verified?.type).toBe('project.status_changed');
    expect(receiver.received[0]!.headers.authorization).toBe('Bearer erp-token-e2e-1234');

    await page.reload();
    const card = page.locator('[data-connection="Our ERP"]');
    const row = card.getByRole('row', { name: /project\.status_changed/ });
    await row.getByText('Delivered (HTTP 204)').waitFor();
    // The credential is shown only by its last characters.
    await card.getByText('Bearer token ending …1234').waitFor();
    expect(await page.content()).not.toContain('erp-token-e2e');
    await screenshot(page, 'integrations-delivered');

    await row.getByRole('button', { name: 'Send project.status_changed again' }).click();
    await page.getByText('Queued to be sent again.').waitFor();
    await app.jobs.drain();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.verified).not.toBeNull();
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    await page.reload();
    // The list loads after the page: wait until both deliveries are shown, not just counted at once.
    await expect.poll(() => card.getByRole('row', { name: /Delivered \(HTTP 204\)/ }).count(), { timeout: 15_000 }).toBe(2);
    await screenshot(page, 'integrations-replayed');
    expect(customer.problems).toEqual([]);
  });
});
