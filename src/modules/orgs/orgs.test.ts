import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { createClient, latestMailTo, policyShown } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let platform: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  platform = await signedIn(app, 'admin', 'root@operator.test');
});
afterAll(async () => app?.dispose());

const password = TEST_PASSWORD;
type Client = ReturnType<typeof createClient>;

async function createOrg(name: string, domains: string[], adminEmail?: string) {
  const res = await platform.c.post('/api/admin/orgs', { name, domains, ...(adminEmail ? { adminEmail } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function orgWithAdmin(name: string, domain: string) {
  const admin = await signedIn(app, 'customer', `boss@${domain}`);
  const orgId = await createOrg(name, [domain], admin.email);
  return { orgId, admin };
}

async function invite(admin: Client, orgId: string, email: string) {
  const res = await admin.post(`/api/orgs/${orgId}/invitations`, { email });
  expect(res.statusCode, res.body).toBe(201);
  const { token, message } = await latestMailTo(app, email);
  expect(message.kind).toBe('orgs.invitation');
  return token!;
}

async function addMember(admin: Client, orgId: string, email: string) {
  const user = await signedIn(app, 'customer', email);
  const token = await invite(admin, orgId, email);
  const res = await user.c.post('/api/orgs/invitations/accept', { token });
  expect(res.statusCode, res.body).toBe(200);
  return user;
}

async function auditEntries(action: string, subjectId?: string) {
  let q = app.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (subjectId) q = q.where('subject_id', '=', subjectId);
  return q.orderBy('id').execute();
}

describe('organisations', () => {
  it('lets a platform admin create an organisation with domains and an admin, and lists it', async () => {
    const boss = await signedIn(app, 'customer', 'boss@create.test');
    const res = await platform.c.post('/api/admin/orgs', { name: 'Create Ltd', domains: ['Create.TEST', ' create.test ', 'sub.create.test'], adminEmail: 'BOSS@create.test' });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();

    const list = (await platform.c.get('/api/admin/orgs')).json<{ organisations: Array<{ id: string; domains: string[]; memberCount: number }> }>();
    expect(list.organisations.find((o) => o.id === id)).toEqual({ id, name: 'Create Ltd', domains: ['create.test', 'sub.create.test'], memberCount: 1 });
    expect((await boss.c.get('/api/orgs/mine')).json()).toEqual({ organisation: { id, name: 'Create Ltd', role: 'admin', canManageMembers: true } });
    const mail = await latestMailTo(app, 'boss@create.test');
    expect(mail.message.kind).toBe('orgs.made_admin');
    expect(mail.message.body_text).toContain('can control your account');

    expect(await auditEntries('orgs.created')).toEqual(expect.arrayContaining([expect.objectContaining({ target_id: id, actor_id: platform.id })]));
    expect(await auditEntries('orgs.member_added', boss.id)).toHaveLength(1);
  });

  it('refuses a domain another organisation claims, public providers, bad domains and a taken admin', async () => {
    await createOrg('First Claim', ['claimed.test']);
    const taken = await platform.c.post('/api/admin/orgs', { name: 'Second', domains: ['other.test', 'CLAIMED.test'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ detail: string }>().detail).toContain('claimed.test is already claimed by the organisation "First Claim"');
    const listed = (await platform.c.get('/api/admin/orgs')).json<{ organisations: Array<{ name: string }> }>();
    expect(listed.organisations.map((o) => o.name)).not.toContain('Second');

    expect((await platform.c.post('/api/admin/orgs', { name: 'Webmail', domains: ['gmail.com'] })).statusCode).toBe(422);
    const bad = await platform.c.post('/api/admin/orgs', { name: 'Bad', domains: ['https://bad.test', '@x.test'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ path: string }> }>().errors.map((e) => e.path)).toEqual(['body.domains.0', 'body.domains.1']);
    expect((await platform.c.post('/api/admin/orgs', { name: 'Ghost', domains: [], adminEmail: 'nobody@nowhere.test' })).statusCode).toBe(422);

    const { admin } = await orgWithAdmin('Holder', 'holder.test');
    const again = await platform.c.post('/api/admin/orgs', { name: 'Poacher', domains: [], adminEmail: admin.email });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('another organisation');

    expect((await admin.c.post('/api/admin/orgs', { name: 'Mine', domains: [] })).statusCode).toBe(403);
    expect((await admin.c.get('/api/admin/orgs')).statusCode).toBe(403);
  });

  it('joins a person who verifies an address at a claimed domain, and tells them what that means', async () => {
    const orgId = await createOrg('Claim Corp', ['claimcorp.test']);
    const c = createClient(app);
    const signUp = await c.post('/api/auth/sign-up', { name: 'Cleo Claim', email: 'cleo@ClaimCorp.test', password, ageConfirmed: true, policy: await policyShown(app) });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const { id } = signUp.json<{ id: string }>();
    const { token } = await latestMailTo(app, 'cleo@claimcorp.test');
    expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(200);

    const told = await latestMailTo(app, 'cleo@claimcorp.test');
    expect(told.message.kind).toBe('orgs.joined_by_domain');
    expect(told.message.body_text).toContain('your organisation can control your account and see its data');
    const joined = await auditEntries('orgs.member_joined', id);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ target_id: orgId, details: { via: 'domain_claim', orgId } });

    expect((await c.post('/api/auth/sign-in', { email: 'cleo@claimcorp.test', password })).statusCode).toBe(200);
    const me = (await c.get('/api/me')).json<{ organisation: { id: string; role: string; notice: string } }>();
    expect(me.organisation).toMatchObject({ id: orgId, name: 'Claim Corp', role: 'member' });
    expect(me.organisation.notice).toBe(
      'Your account belongs to the organisation Claim Corp. Its administrators can control your account — invite, suspend or remove it — and access, export or erase the data in it.',
    );

    // An address elsewhere joins nothing.
    const other = createClient(app);
    await other.post('/api/auth/sign-up', { name: 'Olly', email: 'olly@unclaimed.test', password, ageConfirmed: true, policy: await policyShown(app) });
    await other.post('/api/auth/verify-email', { token: (await latestMailTo(app, 'olly@unclaimed.test')).token });
    await other.post('/api/auth/sign-in', { email: 'olly@unclaimed.test', password });
    expect((await other.get('/api/me')).json()).toMatchObject({ organisation: null });
    expect((await other.get('/api/orgs/mine')).json()).toEqual({ organisation: null });
  });

  it('invites by e-mail; only the invited account can accept, once', async () => {
    const { orgId, admin } = await orgWithAdmin('Invite Inc', 'invite.test');
    const invitee = await signedIn(app, 'customer', 'ivy@elsewhere.test');
    const stranger = await signedIn(app, 'customer', 'sam@elsewhere.test');
    const token = await invite(admin.c, orgId, invitee.email);
    expect(await auditEntries('orgs.member_invited', invitee.id)).toHaveLength(1);
    const stored = await app.db.selectFrom('organisation_invitations').select('token_hash').where('org_id', '=', orgId).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(token);

    const pending = (await admin.c.get(`/api/orgs/${orgId}/members`)).json<{ invitations: Array<{ email: string }> }>();
    expect(pending.invitations.map((i) => i.email)).toEqual(['ivy@elsewhere.test']);

    expect((await stranger.c.post('/api/orgs/invitations/accept', { token })).statusCode).toBe(403);
    const accepted = await invitee.c.post('/api/orgs/invitations/accept', { token });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { organisation } = accepted.json<{ organisation: { id: string; name: string; role: string; notice: string } }>();
    expect(organisation).toMatchObject({ id: orgId, name: 'Invite Inc', role: 'member' });
    expect(organisation.notice).toContain('can control your account');
    expect((await latestMailTo(app, invitee.email)).message.kind).toBe('orgs.joined_by_invitation');
    const joined = await auditEntries('orgs.member_joined', invitee.id);
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ actor_id: invitee.id, details: { via: 'invitation', orgId } });

    const replay = await invitee.c.post('/api/orgs/invitations/accept', { token });
    expect(replay.statusCode).toBe(400);
    expect(replay.json<{ detail: string }>().detail).toContain('already used');
    expect((await invitee.c.post('/api/orgs/invitations/accept', { token: 'x'.repeat(43) })).statusCode).toBe(400);

    const after = (await admin.c.get(`/api/orgs/${orgId}/members`)).json<{ members: Array<{ userId: string; role: string; status: string }>; invitations: unknown[] }>();
    expect(after.invitations).toEqual([]);
    expect(after.members.map((m) => [m.userId, m.role, m.status])).toEqual([
      [admin.id, 'admin', 'active'],
      [invitee.id, 'member', 'active'],
    ]);
    expect((await admin.c.post(`/api/orgs/${orgId}/invitations`, { email: invitee.email })).statusCode).toBe(409);
  });

  it('refuses an invitation from a second organisation while the person belongs to one, and keeps the link usable', async () => {
    const a = await orgWithAdmin('Loyal A', 'loyal-a.test');
    const b = await orgWithAdmin('Loyal B', 'loyal-b.test');
    const person = await addMember(a.admin.c, a.orgId, 'pat@loyal.test');
    const token = await invite(b.admin.c, b.orgId, person.email);
    const res = await person.c.post('/api/orgs/invitations/accept', { token });
    expect(res.statusCode).toBe(409);
    // A plain member is told the organisation, and that its members are not theirs to manage.
    expect((await person.c.get('/api/orgs/mine')).json()).toMatchObject({ organisation: { id: a.orgId, role: 'member', canManageMembers: false } });
    expect((await person.c.get(`/api/orgs/${a.orgId}/members`)).statusCode).toBe(403);
    expect((await a.admin.c.delete(`/api/orgs/${a.orgId}/members/${person.id}`)).statusCode).toBe(200);
    expect((await person.c.post('/api/orgs/invitations/accept', { token })).statusCode).toBe(200);
  });

  it('audits reading the member list with the ids shown', async () => {
    const { orgId, admin } = await orgWithAdmin('Reader', 'reader.test');
    const m = await addMember(admin.c, orgId, 'rita@reader.test');
    const res = await admin.c.get(`/api/orgs/${orgId}/members`);
    expect(res.statusCode).toBe(200);
    const [entry] = (await auditEntries('orgs.members_listed')).filter((e) => e.target_id === orgId).slice(-1);
    expect(entry).toMatchObject({ actor_id: admin.id, actor_role: 'org_admin' });
    expect(entry?.details).toMatchObject({ orgId, userIds: [admin.id, m.id] });
  });

  it('suspends a member: their sessions end, sign-in is refused, they are told; reactivation restores access', async () => {
    const { orgId, admin } = await orgWithAdmin('Suspend Co', 'suspend.test');
    const member = await addMember(admin.c, orgId, 'sue@suspend.test');
    expect((await member.c.get('/api/me')).statusCode).toBe(200);

    const res = await admin.c.post(`/api/orgs/${orgId}/members/${member.id}/suspend`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await member.c.get('/api/me')).statusCode).toBe(401);
    const signIn = await createClient(app).post('/api/auth/sign-in', { email: member.email, password });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json<{ reason: string }>().reason).toBe('suspended');
    expect((await latestMailTo(app, member.email)).message.kind).toBe('orgs.member_suspended');
    expect(await auditEntries('orgs.member_suspended', member.id)).toEqual([expect.objectContaining({ actor_id: admin.id, target_id: orgId })]);
    expect(await auditEntries('accounts.user_suspended', member.id)).toHaveLength(1);
    const live = await app.db.selectFrom('sessions').select('id').where('user_id', '=', member.id).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    const listed = (await admin.c.get(`/api/orgs/${orgId}/members`)).json<{ members: Array<{ userId: string; status: string }> }>();
    expect(listed.members.find((m) => m.userId === member.id)?.status).toBe('suspended');

    expect((await admin.c.post(`/api/orgs/${orgId}/members/${member.id}/reactivate`)).statusCode).toBe(200);
    expect((await latestMailTo(app, member.email)).message.kind).toBe('orgs.member_reactivated');
    expect(await auditEntries('orgs.member_reactivated', member.id)).toHaveLength(1);
    expect((await createClient(app).post('/api/auth/sign-in', { email: member.email, password })).statusCode).toBe(200);
  });

  it('leaves the operator in charge: an org admin neither lifts a platform suspension nor suspends a platform admin', async () => {
    const { orgId, admin } = await orgWithAdmin('Bounded Co', 'bounded.test');
    const member = await addMember(admin.c, orgId, 'lou@bounded.test');
    await app.services.accounts.setUserStatus(CLI_ACTOR, member.id, 'suspended', { requestId: 'test' });
    expect((await admin.c.post(`/api/orgs/${orgId}/members/${member.id}/reactivate`)).statusCode).toBe(200);
    expect((await createClient(app).post('/api/auth/sign-in', { email: member.email, password })).statusCode).toBe(403);

    const operator = await signedIn(app, 'admin', 'ops@bounded.test');
    const token = await invite(admin.c, orgId, operator.email);
    expect((await operator.c.post('/api/orgs/invitations/accept', { token })).statusCode).toBe(200);
    expect((await admin.c.post(`/api/orgs/${orgId}/members/${operator.id}/suspend`)).statusCode).toBe(403);
    expect((await operator.c.get('/api/me')).statusCode).toBe(200);
  });

  it('removes a member, who is told and no longer sees the organisation on their account page', async () => {
    const { orgId, admin } = await orgWithAdmin('Remove Co', 'remove.test');
    const member = await addMember(admin.c, orgId, 'rex@remove.test');
    expect((await admin.c.delete(`/api/orgs/${orgId}/members/${member.id}`)).statusCode).toBe(200);
    expect((await latestMailTo(app, member.email)).message.kind).toBe('orgs.member_removed');
    expect(await auditEntries('orgs.member_removed', member.id)).toEqual([expect.objectContaining({ actor_id: admin.id, target_id: orgId })]);
    expect((await member.c.get('/api/me')).json()).toMatchObject({ organisation: null });
    expect((await admin.c.delete(`/api/orgs/${orgId}/members/${member.id}`)).statusCode).toBe(404);
  });

  it('keeps the last admin from suspending or removing themselves', async () => {
    const { orgId, admin } = await orgWithAdmin('Solo', 'solo.test');
    const suspend = await admin.c.post(`/api/orgs/${orgId}/members/${admin.id}/suspend`);
    expect(suspend.statusCode).toBe(409);
    expect(suspend.json<{ detail: string }>().detail).toContain('last active administrator');
    expect((await admin.c.delete(`/api/orgs/${orgId}/members/${admin.id}`)).statusCode).toBe(409);
    expect((await admin.c.get('/api/me')).statusCode).toBe(200);
    expect(await auditEntries('orgs.member_suspended', admin.id)).toEqual([]);
  });

  it('answers 404 for other organisations and forged ids, 403 to plain members', async () => {
    const a = await orgWithAdmin('Alpha', 'alpha.test');
    const b = await orgWithAdmin('Beta', 'beta.test');
    const bMember = await addMember(b.admin.c, b.orgId, 'bob@beta.test');
    const aMember = await addMember(a.admin.c, a.orgId, 'amy@alpha.test');

    for (const orgId of [b.orgId, randomUUID()]) {
      const members = await a.admin.c.get(`/api/orgs/${orgId}/members`);
      expect(members.statusCode).toBe(404);
      expect(members.json<{ detail: string }>().detail).toBe('No such organisation.');
      expect((await a.admin.c.post(`/api/orgs/${orgId}/invitations`, { email: 'x@alpha.test' })).statusCode).toBe(404);
      expect((await a.admin.c.post(`/api/orgs/${orgId}/members/${bMember.id}/suspend`)).statusCode).toBe(404);
      expect((await a.admin.c.delete(`/api/orgs/${orgId}/members/${bMember.id}`)).statusCode).toBe(404);
    }
    // Org A's admin cannot reach org B's member through org A's own id either.
    expect((await a.admin.c.post(`/api/orgs/${a.orgId}/members/${bMember.id}/suspend`)).statusCode).toBe(404);
    expect((await a.admin.c.post(`/api/orgs/${a.orgId}/members/${randomUUID()}/suspend`)).statusCode).toBe(404);
    expect((await createClient(app).post('/api/auth/sign-in', { email: bMember.email, password })).statusCode).toBe(200);

    expect((await aMember.c.get(`/api/orgs/${a.orgId}/members`)).statusCode).toBe(403);
    expect((await aMember.c.post(`/api/orgs/${a.orgId}/invitations`, { email: 'y@alpha.test' })).statusCode).toBe(403);
    expect((await aMember.c.post(`/api/orgs/${a.orgId}/members/${a.admin.id}/suspend`)).statusCode).toBe(403);
    expect((await aMember.c.delete(`/api/orgs/${a.orgId}/members/${a.admin.id}`)).statusCode).toBe(403);
    expect((await aMember.c.get(`/api/orgs/${b.orgId}/members`)).statusCode).toBe(404);
    expect((await createClient(app).get(`/api/orgs/${a.orgId}/members`)).statusCode).toBe(401);
    expect((await a.admin.c.get('/api/me')).statusCode).toBe(200);

    // A platform admin may act on any organisation.
    expect((await platform.c.get(`/api/orgs/${b.orgId}/members`)).statusCode).toBe(200);
    expect((await platform.c.post(`/api/orgs/${b.orgId}/members/${bMember.id}/suspend`)).statusCode).toBe(200);
    expect(await auditEntries('orgs.member_suspended', bMember.id)).toEqual([expect.objectContaining({ actor_id: platform.id, actor_role: 'admin' })]);
  });
});
