import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, createOrgWithMembers, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { defaultManifestText, manifestVariant } from '../privacy/test-manifests.js';
import { unzipEntries } from '../rights/rights-test-support.js';
import { DESKTOP_PREFIX } from './desktop.routes.js';

/**
 * Seats of an organisation's licence (Keygen's licence users, up to `maxUsers`), run by the
 * organisation's admins where the policy lets organisations administer their members' accounts
 * (`rights.methods: organisation_admin`, as seed 002 and the default manifest say).
 */
let app: TestApp;
let admin: TestUser;
let orgAdmin: TestUser;
let m1: TestUser;
let m2: TestUser;
let m3: TestUser;
let m4: TestUser;
let outsider: TestUser;
let orgId: string;
let licenceId: string;
let key: string;
let policyId: string;

type Problem = { code: string; licensingCode?: string; detail: string };

const desktop = (method: 'POST', path: string, body: unknown, auth?: string) =>
  app.http.inject({ method, url: `${DESKTOP_PREFIX}${path}`, headers: auth ? { authorization: auth } : {}, payload: body as object });
const validate = async (scope: Record<string, string>) => {
  const res = await desktop('POST', '/licenses/actions/validate-key', { key, scope });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ meta: { code: string } }>().meta.code;
};
const activate = (fingerprint: string, user?: string) => desktop('POST', '/machines', { fingerprint, name: `Workstation ${fingerprint}`, ...(user ? { user } : {}) }, `License ${key}`);
const seats = (who: TestUser) => who.c.get(`/api/orgs/${orgId}/licences`);
const assign = (who: TestUser, userId: string) => who.c.post(`/api/orgs/${orgId}/licences/${licenceId}/users`, { userId });
const free = (who: TestUser, userId: string) => who.c.delete(`/api/orgs/${orgId}/licences/${licenceId}/users/${userId}`);
const myLicences = async (who: TestUser) => (await who.c.get('/api/licensing/my-licences')).json<{ licences: Array<{ id: string; seat: boolean; machines: Array<{ name: string }> }> }>().licences;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signedIn(app, 'admin');
  orgAdmin = await signedIn(app);
  [m1, m2, m3, m4, outsider] = [await signedIn(app), await signedIn(app), await signedIn(app), await signedIn(app), await signedIn(app)];
  orgId = await createOrgWithMembers(app, { operatorId: admin.id, name: 'Acme Design', adminId: orgAdmin.id, adminEmail: orgAdmin.email, members: [m1, m2, m3, m4] });
  const product = await admin.c.post('/api/licensing/products', { code: 'acme-cad', name: 'Acme CAD' });
  const policy = await admin.c.post('/api/licensing/policies', {
    productId: product.json<{ id: string }>().id,
    name: 'Team',
    maxMachines: 10,
    floating: true,
    requireHeartbeat: false,
    heartbeatSeconds: 600,
    offlineAllowed: false,
    fileTtlSeconds: 86_400,
  });
  expect(policy.statusCode, policy.body).toBe(201);
  policyId = policy.json<{ id: string }>().id;
});
afterAll(async () => app?.dispose());

describe('staff issue organisation licences', () => {
  it('lists the policies to choose the term from, to staff only', async () => {
    const res = await admin.c.get('/api/licensing/policies');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ policies: unknown[] }>().policies).toEqual([expect.objectContaining({ id: policyId, name: 'Team', durationSeconds: null, maxMachines: 10 })]);
    expect((await orgAdmin.c.get('/api/licensing/policies')).statusCode).toBe(403);
  });

  it('refuses a licence with both a person and an organisation, or an unknown organisation', async () => {
    const both = await admin.c.post('/api/licensing/licences', { policyId, ownerEmail: m1.email, orgId, maxUsers: 2 });
    expect(both.statusCode).toBe(400);
    const noSeats = await admin.c.post('/api/licensing/licences', { policyId, orgId });
    expect(noSeats.statusCode).toBe(400);
    const unknown = await admin.c.post('/api/licensing/licences', { policyId, orgId: '00000000-0000-4000-8000-000000000000', maxUsers: 2 });
    expect(unknown.statusCode).toBe(404);
    expect(await app.db.selectFrom('licences').select('id').execute()).toEqual([]);
  });

  it('issues a licence with two seats to the organisation, owned by no one person', async () => {
    const res = await admin.c.post('/api/licensing/licences', { policyId, orgId, maxUsers: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const licence = res.json<{ id: string; key: string; ownerId: string | null; orgId: string; maxUsers: number }>();
    expect(licence).toMatchObject({ ownerId: null, orgId, maxUsers: 2 });
    ({ id: licenceId, key } = licence);
    expect((await auditEntries(app, 'licensing.licence_issued', licenceId)).length).toBe(1);
  });
});

describe('organisation admins manage seats', () => {
  it('lets no plain member or outsider see or assign seats', async () => {
    expect((await seats(m1)).statusCode).toBe(403);
    expect((await assign(m1, m1.id)).statusCode).toBe(403);
    expect((await seats(outsider)).statusCode).toBe(404);
    expect((await assign(outsider, outsider.id)).statusCode).toBe(404);
  });

  it('refuses the desktop app a user without a seat: USER_SCOPE_MISMATCH, and USER_SCOPE_REQUIRED without a user', async () => {
    expect(await validate({ user: m1.email })).toBe('USER_SCOPE_MISMATCH');
    expect(await validate({ user: m1.id })).toBe('USER_SCOPE_MISMATCH');
    const anonymous = await activate('machine-m1-a');
    expect(anonymous.statusCode).toBe(422);
    expect(anonymous.json<Problem>().licensingCode).toBe('USER_SCOPE_REQUIRED');
    const seatless = await activate('machine-m1-a', m1.email);
    expect(seatless.statusCode).toBe(403);
    expect(seatless.json<Problem>().licensingCode).toBe('USER_SCOPE_MISMATCH');
    expect(await app.db.selectFrom('licence_machines').select('id').execute()).toEqual([]);
  });

  it('assigns up to the seat count and refuses the next with TOO_MANY_USERS', async () => {
    expect((await assign(orgAdmin, m1.id)).statusCode).toBe(200);
    expect((await assign(orgAdmin, m2.id)).statusCode).toBe(200);
    const third = await assign(orgAdmin, m3.id);
    expect(third.statusCode).toBe(422);
    expect(third.json<Problem>().licensingCode).toBe('TOO_MANY_USERS');
    expect((await assign(orgAdmin, m1.id)).json<Problem>().licensingCode).toBe('USER_ALREADY_ATTACHED');
    expect((await assign(orgAdmin, outsider.id)).statusCode).toBe(422);
    const assigned = await auditEntries(app, 'licensing.seat_assigned', licenceId);
    expect(assigned.map((a) => a.subject_id)).toEqual([m1.id, m2.id]);
    expect(assigned[0]).toMatchObject({ actor_id: orgAdmin.id, actor_role: 'org_admin' });
  });

  it('shows the seat holder the licence among theirs, and lets them activate their machines', async () => {
    expect((await myLicences(m1)).map((l) => ({ id: l.id, seat: l.seat }))).toEqual([{ id: licenceId, seat: true }]);
    expect(await myLicences(m3)).toEqual([]);
    expect((await activate('machine-m1-a', m1.email)).statusCode).toBe(201);
    expect((await activate('machine-m2-a', m2.id)).statusCode).toBe(201);
    expect(await validate({ user: m1.email })).toBe('VALID');
    expect(await validate({ user: m1.id, fingerprint: 'machine-m1-a' })).toBe('VALID');
    // Each member sees their own devices on the shared licence, not their colleagues'.
    expect((await myLicences(m1))[0]?.machines.map((m) => m.name)).toEqual(['Workstation machine-m1-a']);
    const listed = (await seats(orgAdmin)).json<{ licences: Array<{ id: string; maxUsers: number; seats: Array<{ userId: string; machines: number }> }> }>().licences;
    expect(listed).toEqual([expect.objectContaining({ id: licenceId, maxUsers: 2, seats: [expect.objectContaining({ userId: m1.id, machines: 1 }), expect.objectContaining({ userId: m2.id, machines: 1 })] })]);
    expect((await auditEntries(app, 'licensing.seats_read')).length).toBeGreaterThan(0);
  });

  it('frees a seat: the member’s machines on the licence are deactivated, and the seat can be given again', async () => {
    expect((await free(orgAdmin, m1.id)).statusCode).toBe(200);
    expect((await free(orgAdmin, m1.id)).statusCode).toBe(404);
    expect(await validate({ user: m1.email })).toBe('USER_SCOPE_MISMATCH');
    expect(await validate({ fingerprint: 'machine-m1-a' })).toBe('FINGERPRINT_SCOPE_MISMATCH');
    expect(await validate({ fingerprint: 'machine-m2-a' })).toBe('VALID');
    expect(await myLicences(m1)).toEqual([]);
    const [entry] = await auditEntries(app, 'licensing.seat_unassigned', licenceId);
    expect(entry).toMatchObject({ subject_id: m1.id, actor_id: orgAdmin.id });
    expect(entry?.details).toMatchObject({ machinesDeactivated: 1 });
    expect((await assign(orgAdmin, m3.id)).statusCode).toBe(200);
  });

  it('leaves seats to staff where the policy does not let organisations administer their members', async () => {
    await putPolicyInForce(app, manifestVariant((doc) => ((doc.rights as { methods: string[] }).methods = ['email', 'account_settings'])));
    const refused = await assign(orgAdmin, m1.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Problem>().detail).toMatch(/privacy policy/);
    expect((await free(admin, m3.id)).statusCode).toBe(200);
    expect((await assign(admin, m3.id)).statusCode).toBe(200);
    await putPolicyInForce(app, defaultManifestText());
  });
});

describe('seats are the member’s data', () => {
  it('are in the member’s export', async () => {
    await app.startJobs();
    const res = await m3.c.post('/api/me/exports');
    expect(res.statusCode, res.body).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    const [message] = await app.services.mail.list({ limit: 1, to: m3.email });
    const [, id, token] = /\/account\/exports\/([\w-]+)\?token=([\w.-]+)/.exec(message?.body_text ?? '') ?? [];
    const zip = await unzipEntries((await m3.c.get(`/api/exports/${id}/download?token=${token}`)).rawPayload);
    expect(zip.get('tables/licence_users.csv')?.toString()).toContain(licenceId);
  });

  it('are freed when the member is erased, with their machines; the licence stays the organisation’s', async () => {
    expect((await activate('machine-m3-a', m3.email)).statusCode).toBe(201);
    const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, m3.id, { queue: false });
    await app.services.rights.runErasure(erasureId);
    expect(await app.db.selectFrom('licence_users').where('user_id', '=', m3.id).select('licence_id').execute()).toEqual([]);
    expect(await app.db.selectFrom('licence_machines').where('user_id', '=', m3.id).select('id').execute()).toEqual([]);
    expect(await app.db.selectFrom('licences').where('id', '=', licenceId).select('org_id').execute()).toEqual([{ org_id: orgId }]);
    expect((await assign(orgAdmin, m1.id)).statusCode).toBe(200);
  });
});

describe('a member who leaves the organisation', () => {
  const seatsOf = (userId: string) => app.db.selectFrom('licence_users').where('user_id', '=', userId).select('licence_id').execute();
  const machinesOf = (userId: string) => app.db.selectFrom('licence_machines').where('user_id', '=', userId).select('id').execute();

  it('loses the seat they held and their machines on it in the removal, audited, and the seat can be given again', async () => {
    expect(await validate({ user: m2.email })).toBe('VALID');
    expect((await machinesOf(m2.id)).length).toBe(1);
    expect((await orgAdmin.c.delete(`/api/orgs/${orgId}/members/${m2.id}`)).statusCode).toBe(200);
    expect(await seatsOf(m2.id)).toEqual([]);
    expect(await machinesOf(m2.id)).toEqual([]);
    expect(await validate({ user: m2.email })).toBe('USER_SCOPE_MISMATCH');
    expect((await activate('machine-m2-b', m2.id)).json<Problem>().licensingCode).toBe('USER_SCOPE_MISMATCH');
    const [entry] = await auditEntries(app, 'licensing.seat_released', licenceId);
    expect(entry).toMatchObject({ subject_id: m2.id, actor_id: orgAdmin.id, actor_role: 'org_admin' });
    expect(entry?.details).toMatchObject({ orgId, reason: 'left_organisation', machinesDeactivated: 1 });
    const listed = (await seats(orgAdmin)).json<{ licences: Array<{ seats: Array<{ userId: string }> }> }>().licences;
    expect(listed[0]?.seats.map((s) => s.userId)).toEqual([m1.id]);
    expect((await assign(orgAdmin, m4.id)).statusCode).toBe(200);
  });

  it('loses the seat and their machines when they close their account', async () => {
    expect((await activate('machine-m4-a', m4.email)).statusCode).toBe(201);
    const closed = await m4.c.post('/api/me/close', { confirm: true });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await seatsOf(m4.id)).toEqual([]);
    expect(await machinesOf(m4.id)).toEqual([]);
    const [entry] = (await auditEntries(app, 'licensing.seat_released', licenceId)).filter((e) => e.subject_id === m4.id);
    expect(entry?.details).toMatchObject({ reason: 'account_closed', machinesDeactivated: 1 });
    expect((await assign(orgAdmin, orgAdmin.id)).statusCode).toBe(200);
  });

  it('keeps the seats of a member whose removal is refused', async () => {
    const refused = await orgAdmin.c.delete(`/api/orgs/${orgId}/members/${orgAdmin.id}`);
    expect(refused.statusCode).toBe(409);
    expect((await seatsOf(orgAdmin.id)).length).toBe(1);
  });
});

describe('retention by the manifest', () => {
  it('keeps the seats of a running licence, and removes them with the licence a year after it ended (default: licence data, 1 year)', async () => {
    await app.services.retention.runRetention();
    expect((await app.db.selectFrom('licence_users').where('licence_id', '=', licenceId).select('user_id').execute()).length).toBe(2);
    expect((await admin.c.post(`/api/licensing/licences/${licenceId}/revoke`)).statusCode).toBe(200);
    app.clock.advance(200 * 86_400_000);
    await app.services.retention.runRetention();
    expect((await app.db.selectFrom('licence_users').where('licence_id', '=', licenceId).select('user_id').execute()).length).toBe(2);
    app.clock.advance(200 * 86_400_000);
    await app.services.retention.runRetention();
    expect(await app.db.selectFrom('licence_users').where('licence_id', '=', licenceId).select('user_id').execute()).toEqual([]);
    expect(await app.db.selectFrom('licences').where('id', '=', licenceId).select('id').execute()).toEqual([]);
  });
});
