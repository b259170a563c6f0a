/**
 * An organisation administrator in Chromium against the real server: exports one member's data and
 * downloads the ZIP from the organisation page, then erases another member's account through the
 * confirmation. The members are told by e-mail; the erased one can no longer sign in.
 * Screenshots go to test-results/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCatcher, unzipEntries } from '../../src/modules/rights/rights-test-support.js';
import { createOrgWithMembers } from '../../src/test-support/builders.js';
import { latestMailTo } from '../../src/test-support/http-client.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, signIn, browserPool, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';
import { createClient } from '../../src/test-support/http-client.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OPERATOR = { email: 'root@operator.test', name: 'Oscar Operator', password: 'operator password for e2e' };
const ADMIN = { email: 'ada@acme.test', name: 'Ada Admin', password: 'admin password for e2e' };
const EXPORTED = { email: 'eric@acme.test', name: 'Eric Export', password: 'eric password for e2e' };
const ERASED = { email: 'erin@acme.test', name: 'Erin Erase', password: 'erin password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };

describe.skipIf(!hasChromium)('organisation admin: a member\'s data rights in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let erasedId: string;
  const browsers = browserPool(() => baseURL);
  const open = browsers.open;

  beforeAll(async () => {
    // Erasure deletes the member's outbox rows with the rest, so the certificate is read where it was handed over.
    smtp = await startSmtpCatcher();
    const served = await serveTestApp({ jobs: 'drained', env: { MESHVAULT_SMTP_URL: smtp.url } });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    const operator = await app.services.accounts.createUser(CLI, { ...OPERATOR, role: 'admin' }, ctx);
    const admin = await app.services.accounts.createUser(CLI, { ...ADMIN, role: 'customer' }, ctx);
    const exported = await app.services.accounts.createUser(CLI, { ...EXPORTED, role: 'customer' }, ctx);
    const erased = await app.services.accounts.createUser(CLI, { ...ERASED, role: 'customer' }, ctx);
    erasedId = erased.id;
    await createOrgWithMembers(app, {
      operatorId: operator.id,
      name: 'Acme Prototypes',
      adminId: admin.id,
      adminEmail: ADMIN.email,
      members: [
        { id: exported.id, email: EXPORTED.email },
        { id: erased.id, email: ERASED.email },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.stopJobs(10_000);
    await app?.dispose();
    await smtp?.close();
  });


  it('exports a member\'s data and downloads the ZIP; the member is told', async () => {
    const browser = await open();
    const page = browser.page;
    await signIn(page, ADMIN);
    await clickNavLink(page, 'Organisation');
    await page.getByRole('heading', { level: 1, name: 'Acme Prototypes' }).waitFor();
    await page.getByRole('row').filter({ hasText: EXPORTED.email }).waitFor();
    // Nothing to do to oneself from here.
    const own = page.getByRole('row').filter({ hasText: ADMIN.email });
    expect(await own.getByRole('button').count()).toBe(0);
    await screenshot(page, 'org-member-rights-1-members');

    await page.getByRole('button', { name: `Export ${EXPORTED.name}'s data` }).click();
    await page.getByText(`An export of ${EXPORTED.name}'s data is being prepared`).waitFor();
    // The export job runs now; the page, which refreshes while an export is pending, then offers the download.
    expect((await app.jobs.drain()).failed).toEqual([]);
    const notice = await latestMailTo(app, EXPORTED.email);
    expect(notice.message.kind).toBe('rights.member_export_notice');
    expect(notice.message.subject).toBe('An administrator of Acme Prototypes asked for a copy of your data');

    const exports = page.getByRole('table', { name: "Exports of members' data you asked for" });
    const download = exports.getByRole('button', { name: new RegExp(`^Download the export of ${EXPORTED.name}'s data`) });
    await download.waitFor();
    const row = exports.getByRole('row').filter({ hasText: EXPORTED.name });
    await row.getByText('Ready').waitFor();
    await row.getByText(/^\d+(\.\d)? (bytes|KB|MB)$/).waitFor();
    await screenshot(page, 'org-member-rights-2-export-ready');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const zip = await unzipEntries(await readFile(await file.path()));
    expect(zip.get('tables/users.csv')?.toString()).toContain(EXPORTED.email);
    expect(zip.get('tables/users.csv')?.toString()).not.toContain(ADMIN.email);
    // The list refreshes by itself only while something is pending: a reload shows the download recorded.
    await page.reload();
    await exports.getByRole('row').filter({ hasText: EXPORTED.name }).getByText(/downloaded/).waitFor();
    expect(browser.problems).toEqual([]);
  }, 90_000);

  it('shows the members\' privacy requests (what, status, deadline) where the policy lets administrators see them', async () => {
    const member = createClient(app);
    expect((await member.post('/api/auth/sign-in', { email: EXPORTED.email, password: EXPORTED.password })).statusCode).toBe(200);
    const filed = await member.post('/api/me/corrections', { what: 'My company name', correction: 'Acme Prototypes GmbH' });
    expect(filed.statusCode, filed.body).toBe(201);
    const browser = await open();
    const page = browser.page;
    await signIn(page, ADMIN);
    await page.goto('/organisation');
    const table = page.getByRole('table', { name: "Members' privacy requests" });
    const row = table.getByRole('row').filter({ hasText: EXPORTED.name });
    await row.getByText('Correct their data').waitFor();
    await row.getByText('open').waitFor();
    await screenshot(page, 'org-member-rights-1b-member-requests');
    expect(browser.problems).toEqual([]);
  }, 90_000);

  it('erases another member only once confirmed; they get the certificate and cannot sign in', async () => {
    const browser = await open();
    const page = browser.page;
    await signIn(page, ADMIN);
    await page.goto('/organisation');
    await page.getByRole('heading', { level: 1, name: 'Acme Prototypes' }).waitFor();

    await page.getByRole('button', { name: `Erase ${ERASED.name}'s account…` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Erase the account of ${ERASED.name}?` });
    await dialog.waitFor();
    for (const said of ['This cannot be undone.', 'signed out on every device', 'privacy policy', 'Records the law requires us to keep', 'erasure certificate by e-mail']) {
      await dialog.getByText(said, { exact: false }).first().waitFor();
    }
    // A press alone does nothing: the member's address must be typed out.
    const confirm = dialog.getByRole('button', { name: `Erase ${ERASED.name}'s account permanently` });
    await confirm.click();
    await dialog.getByText(`Type ${ERASED.email} exactly`).waitFor();
    expect(await app.db.selectFrom('erasures').select('id').execute()).toEqual([]);
    await dialog.getByLabel(`Type ${ERASED.email} to confirm`).fill(ERASED.email);
    await page.mouse.move(0, 0); // the picture shows the button at rest, not hovered
    await screenshot(page, 'org-member-rights-3-confirm-erase');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'org-member-rights-3-confirm-erase-phone');
    await page.setViewportSize({ width: 1280, height: 860 });
    await confirm.click();
    await page.getByText(`The erasure of ${ERASED.name}'s account has started`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'org-member-rights-4-erasure-started');

    // The erasure job runs now; the page follows until the member is gone from the list.
    expect((await app.jobs.drain()).failed).toEqual([]);
    expect(await app.db.selectFrom('users').select('id').where('id', '=', erasedId).executeTakeFirst()).toBeUndefined();
    await page.getByRole('row').filter({ hasText: ERASED.email }).waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: EXPORTED.email }).waitFor();
    await screenshot(page, 'org-member-rights-5-member-gone');

    const certificate = smtp.messages.find((m) => m.to.includes(ERASED.email) && m.data.includes('Erasure certificate'));
    expect(certificate?.data).toContain('your organisation administrator');
    // The outbox copy went with the rest of the member's data.
    expect(await app.services.mail.list({ limit: 5, to: ERASED.email })).toEqual([]);

    const member = await open();
    await member.page.goto('/sign-in');
    await member.page.getByLabel('E-mail address').fill(ERASED.email);
    await member.page.getByLabel('Password').fill(ERASED.password);
    await member.page.getByRole('button', { name: 'Sign in' }).click();
    await member.page.getByText('The e-mail address or password is wrong.').waitFor();
    await screenshot(member.page, 'org-member-rights-6-erased-cannot-sign-in');
    expect(browser.problems).toEqual([]);
    expect(member.problems).toEqual([]);
  }, 120_000);
});

