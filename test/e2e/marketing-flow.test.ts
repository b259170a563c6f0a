/**
 * Marketing in real Chromium: the preferences page ticks a topic on a channel and shows the recorded
 * choice; the unsubscribe link of a campaign opens a page that changes nothing until its button is
 * pressed, in a browser with no session, and then the choice is withdrawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { marketingManifestPath } from '../../src/modules/marketing/marketing-test-support.js';
import { browserPool, CHROMIUM_PATH, hasChromium, screenshot, signIn } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

describe.skipIf(!hasChromium)('marketing in the browser', () => {
  let app: TestApp;
  let origin: string;
  let ann: TestUser;
  const pool = browserPool(() => origin);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_MANIFEST: marketingManifestPath(), MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: '0' } });
    app = served.app;
    origin = `http://127.0.0.1:${served.port}`;
    ann = await signedIn(app, 'customer', 'ann@example.com');
  }, 180_000);

  afterAll(async () => {
    await pool.closeAll();
    await app?.dispose();
  });

  const newsletterByMail = async () =>
    (await ann.c.get('/api/me/marketing')).json<{ choices: Array<{ topic: string; channel: string; optedIn: boolean; method: string | null }> }>().choices.find((c) => c.topic === 'newsletter' && c.channel === 'email')!;

  it('ticks a topic on a channel on the preferences page, recorded with how and when', async () => {
    const { page, problems } = await pool.open();
    await signIn(page, { email: ann.email, password: TEST_PASSWORD });
    await page.goto('/account/marketing');
    await page.getByRole('heading', { level: 1, name: 'What you receive from us' }).waitFor();
    const box = page.getByLabel('Newsletter by E-mail');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole('button', { name: 'Save choices' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    await page.getByRole('cell', { name: 'marketing · newsletter · email' }).waitFor();
    await screenshot(page, 'marketing-preferences');
    expect(await newsletterByMail()).toMatchObject({ optedIn: true, method: 'account_page' });
    expect(problems).toEqual([]);
  });

  it('opens the unsubscribe page without unsubscribing, and unsubscribes with its button and no session', async () => {
    const staff = await signedIn(app, 'marketing');
    const id = (await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: 'December news', bodyMarkdown: 'Hello **you**.' })).json<{ id: string }>().id;
    expect((await staff.c.post(`/api/marketing/campaigns/${id}/send`)).statusCode).toBe(202);
    await app.jobs.drain();
    const [row] = await app.db.selectFrom('mail_outbox').select('headers').where('to_address', '=', ann.email).where('kind', '=', 'marketing.campaign').execute();
    const link = new URL(/<(http[^>]+\/u\/[^>]+)>/.exec(row!.headers!['List-Unsubscribe']!)![1]!).pathname;

    const { page, problems } = await pool.open();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Unsubscribe' }).waitFor();
    await page.getByText('Stop receiving Newsletter by e-mail').waitFor();
    await screenshot(page, 'marketing-unsubscribe');
    expect((await newsletterByMail()).optedIn).toBe(true);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { level: 1, name: 'You are unsubscribed' }).waitFor();
    await screenshot(page, 'marketing-unsubscribed');
    expect(await newsletterByMail()).toMatchObject({ optedIn: false, method: 'unsubscribe' });
    expect(problems).toEqual([]);
  });
});
