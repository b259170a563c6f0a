/**
 * Seed 002's "organisation admins manage seats for members", in Chromium against the real server: the
 * operator issued the organisation a licence with two seats; its administrator gives a member a seat
 * from the organisation page, the member then sees the licence among theirs and the desktop app may
 * activate it for them; the third seat is refused. The operator's staff issue an organisation licence
 * from the admin page and free a seat there. Screenshots go to test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithMembers } from '../../src/test-support/builders.js';
import type { TestApp } from '../../src/test-support/test-app.js';
import { CHROMIUM_PATH, hasChromium, screenshot, signIn, browserPool, clickNavLink } from './browser.js';
import { serveTestApp } from './serve-test-app.js';

if (!hasChromium) console.log(`Skipping browser tests: ${CHROMIUM_PATH} not found (install it with: bash scripts/install-chromium.sh).`);

const OPERATOR = { email: 'root@operator.test', name: 'Oscar Operator', password: 'operator password for e2e' };
const ADMIN = { email: 'ada@acme.test', name: 'Ada Admin', password: 'admin password for e2e' };
const MEMBER = { email: 'mia@acme.test', name: 'Mia Modeller', password: 'mia password for e2e' };
const OTHER = { email: 'otto@acme.test', name: 'Otto Other', password: 'otto password for e2e' };
const CLI = { id: null, role: 'operator-cli' } as const;
const ctx = { requestId: 'e2e' };
const TITLE = 'Acme CAD — Team, 1 seat';

describe.skipIf(!hasChromium)('organisation admin: licence seats in Chromium', () => {
  let app: TestApp;
  let baseURL: string;
  let key: string;
  let licenceId: string;
  let otherId: string;
  let adminId: string;
  let orgId: string;
  const browsers = browserPool(() => baseURL);

  beforeAll(async () => {
    const served = await serveTestApp({ jobs: false });
    app = served.app;
    baseURL = `http://127.0.0.1:${served.port}`;
    await app.services.privacy.publishDefaultIfNone();
    const operator = await app.services.accounts.createUser(CLI, { ...OPERATOR, role: 'admin' }, ctx);
    const admin = await app.services.accounts.createUser(CLI, { ...ADMIN, role: 'customer' }, ctx);
    const member = await app.services.accounts.createUser(CLI, { ...MEMBER, role: 'customer' }, ctx);
    const other = await app.services.accounts.createUser(CLI, { ...OTHER, role: 'customer' }, ctx);
    otherId = other.id;
    adminId = admin.id;
    orgId = await createOrgWithMembers(app, {
      operatorId: operator.id,
      name: 'Acme Design',
      adminId: admin.id,
      adminEmail: ADMIN.email,
      members: [
        { id: member.id, email: MEMBER.email },
        { id: other.id, email: OTHER.email },
      ],
    });
    const staff = { userId: operator.id, sessionId: 'e2e', role: 'admin' as const };
    const { id: productId } = await app.services.licensing.createProduct(staff, { code: 'acme-cad', name: 'Acme CAD' }, ctx);
    const { id: policyId } = await app.services.licensing.createPolicy(
      staff,
      { productId, name: 'Team, 1 seat', maxMachines: 5, floating: true, requireHeartbeat: false, heartbeatSeconds: 3600, offlineAllowed: false, fileTtlSeconds: 86_400 },
      ctx,
    );
    ({ key, id: licenceId } = await app.services.licensing.issueLicence(staff, { policyId, orgId, maxUsers: 1 }, ctx));
  }, 120_000);

  afterAll(async () => {
    await browsers.closeAll();
    await app?.dispose();
  });

  it('gives a member a seat from the organisation page; the member sees the licence and can activate it', async () => {
    const { page } = await browsers.open();
    await signIn(page, ADMIN);
    await clickNavLink(page, 'Organisation');
    await page.getByRole('heading', { level: 1, name: 'Acme Design' }).waitFor();
    const licence = page.getByRole('group', { name: TITLE });
    await licence.getByText('0 of 1 seats taken').waitFor();
    // The members list loads beside it: wait for the member to be offered before choosing.
    await licence.getByRole('option', { name: `${MEMBER.name} (${MEMBER.email})` }).waitFor({ state: 'attached' });
    await licence.getByLabel('Member').selectOption({ label: `${MEMBER.name} (${MEMBER.email})` });
    await licence.getByRole('button', { name: 'Assign seat' }).click();
    await licence.getByText(`${MEMBER.name} now holds a seat.`).waitFor();
    await licence.getByText('1 of 1 seats taken').waitFor();
    await licence.getByRole('listitem').filter({ hasText: MEMBER.name }).waitFor();
    // The licence is full: the page offers no more seats.
    await licence.getByText('Every seat is taken').waitFor();
    expect(await licence.getByRole('button', { name: 'Assign seat' }).count()).toBe(0);
    await screenshot(page, 'org-licence-seats-assigned');

    // The licence is full: the API refuses the next seat with Keygen's code.
    const asAdmin = { userId: adminId, sessionId: 'e2e', role: 'customer' as const };
    await expect(app.services.licensing.assignSeat(asAdmin, orgId, licenceId, otherId, ctx)).rejects.toMatchObject({ details: { licensingCode: 'TOO_MANY_USERS' } });

    const member = await browsers.open();
    await signIn(member.page, MEMBER);
    await member.page.getByRole('link', { name: 'Licences' }).click();
    const card = member.page.getByRole('article', { name: 'Acme CAD — Team, 1 seat' });
    await card.getByText(key).waitFor();
    await card.getByText('A seat your organisation gave you').waitFor();
    await screenshot(member.page, 'org-licence-seats-member');
    const activated = await app.http.inject({ method: 'POST', url: '/api/desktop/v1/machines', headers: { authorization: `License ${key}` }, payload: { fingerprint: 'fp-e2e-mia', name: 'Mia workstation', user: MEMBER.email } });
    expect(activated.statusCode, activated.body).toBe(201);
  });
  it('lets staff issue an organisation licence from the admin page, and see and free its seats', async () => {
    const { page, problems } = await browsers.open();
    await signIn(page, OPERATOR);
    await page.goto('/admin/licences');
    await page.getByRole('heading', { level: 1, name: 'Licences' }).waitFor();
    const form = page.getByRole('form', { name: 'Issue an organisation licence' });
    // Nothing chosen: every field says what it needs, and nothing is issued.
    await form.getByRole('button', { name: 'Issue licence' }).click();
    await form.getByText('Choose the organisation the licence is for.').waitFor();
    await form.getByText('Enter the number of seats, a whole number from 1 to 100,000.').waitFor();
    expect(await app.db.selectFrom('licences').select('id').execute()).toHaveLength(1);

    await form.getByRole('option', { name: 'Acme Design' }).waitFor({ state: 'attached' });
    await form.getByLabel('Organisation').selectOption({ label: 'Acme Design' });
    await form.getByLabel('Product').selectOption({ label: 'Acme CAD (acme-cad)' });
    await form.getByLabel('Term').selectOption({ label: 'Team, 1 seat — no end date, up to 5 devices' });
    await form.getByLabel('Seats').fill('3');
    await form.getByRole('button', { name: 'Issue licence' }).click();
    await form.getByText(/^Licence [0-9A-F-]+ was issued to Acme Design with 3 seats\.$/).waitFor();
    const issued = await app.db.selectFrom('licences').select(['id', 'key', 'max_users', 'user_id']).where('id', '!=', licenceId).where('org_id', '=', orgId).execute();
    expect(issued).toEqual([expect.objectContaining({ max_users: 3, user_id: null })]);
    await page.getByRole('button', { name: `Seats of ${issued[0]?.key ?? ''}` }).waitFor();

    // The first licence's seat, held by the member with a device: staff free it.
    await page.getByRole('button', { name: `Seats of ${key}` }).click();
    const seats = page.getByRole('region', { name: `Seats of ${key}` });
    await seats.getByRole('rowheader', { name: `${MEMBER.name} (${MEMBER.email})` }).waitFor();
    await seats.getByText('1 of 1 seats taken', { exact: false }).waitFor();
    await screenshot(page, 'admin-org-licence-seats');
    await seats.getByRole('button', { name: `Free ${MEMBER.name}’s seat` }).click();
    await seats.getByRole('button', { name: 'Free the seat' }).click();
    await seats.getByText(`${MEMBER.name}’s seat is free; their devices on this licence were deactivated.`).waitFor();
    await seats.getByText('No member holds a seat yet.').waitFor();
    expect(await app.db.selectFrom('licence_users').where('licence_id', '=', licenceId).select('user_id').execute()).toEqual([]);
    expect(await app.db.selectFrom('licence_machines').where('licence_id', '=', licenceId).select('id').execute()).toEqual([]);
    await screenshot(page, 'admin-org-licence-issued');
    expect(problems).toEqual([]);
  });
});

