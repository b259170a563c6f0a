/**
 * Issue #12: each process keeps the organisation GET /api/me tells of beside the session it serves
 * from memory, and drops it at once on any change to the membership or the organisation, made through
 * this process or by a write of another process to the shared database (a trigger moves the account's
 * sessions version in the change's transaction). Counts of statements, not timings.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { latestMailTo } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let platform: TestUser;
beforeAll(async () => {
  app = await createTestApp();
  platform = await signedIn(app, 'admin', 'root@membership-on-me.test');
});
afterAll(async () => app?.dispose());

type Organisation = { id: string; name: string; role: string } | null;
const organisationOnMe = async (user: TestUser) => {
  const res = await user.c.get('/api/me');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ organisation: Organisation }>().organisation;
};
/** Statements the request sent; the policy's own recheck is made first (not /api/me's cost). */
const queriesOf = async (act: () => Promise<unknown>) => {
  await app.services.policy.current();
  return (await app.queries.during(act)).queries;
};

async function orgWithMember(name: string, domain: string) {
  const admin = await signedIn(app, 'customer', `boss@${domain}`);
  const created = await platform.c.post('/api/admin/orgs', { name, domains: [domain], adminEmail: admin.email });
  expect(created.statusCode, created.body).toBe(201);
  const orgId = created.json<{ id: string }>().id;
  const member = await signedIn(app, 'customer', `member@${domain}`);
  // Kept before joining: the organisation it is told of is none.
  expect(await organisationOnMe(member)).toBeNull();
  expect((await admin.c.post(`/api/orgs/${orgId}/invitations`, { email: member.email })).statusCode).toBe(201);
  const { token } = await latestMailTo(app, member.email);
  expect((await member.c.post('/api/orgs/invitations/accept', { token })).statusCode).toBe(200);
  return { orgId, admin, member };
}

describe('the organisation GET /api/me tells of, kept beside the session (issue #12)', () => {
  it('is read once while nothing changes, and a join shows at once', async () => {
    const { orgId, member } = await orgWithMember('Join Ltd', 'join.test');
    expect(await organisationOnMe(member)).toMatchObject({ id: orgId, name: 'Join Ltd', role: 'member' });
    // Kept: the version query alone.
    expect(await queriesOf(() => organisationOnMe(member))).toBe(1);
  });

  it('shows a leave made through the API at once', async () => {
    const { orgId, admin, member } = await orgWithMember('Leave Ltd', 'leave.test');
    expect(await organisationOnMe(member)).toMatchObject({ id: orgId });
    expect((await admin.c.delete(`/api/orgs/${orgId}/members/${member.id}`)).statusCode).toBe(200);
    expect(await organisationOnMe(member)).toBeNull();
  });

  it('shows a change of role, a renamed organisation, a leave and a deleted organisation written by another process', async () => {
    const { orgId, admin, member } = await orgWithMember('Elsewhere Ltd', 'elsewhere.test');
    expect(await organisationOnMe(member)).toMatchObject({ role: 'member' });
    // What another API process (or another module) does: statements on the shared tables.
    await sql`update organisation_members set role = 'admin' where user_id = ${member.id}`.execute(app.db);
    expect(await organisationOnMe(member)).toMatchObject({ name: 'Elsewhere Ltd', role: 'admin' });
    await sql`update organisations set name = 'Renamed Ltd' where id = ${orgId}`.execute(app.db);
    expect(await organisationOnMe(member)).toMatchObject({ name: 'Renamed Ltd', role: 'admin' });
    expect(await organisationOnMe(admin)).toMatchObject({ name: 'Renamed Ltd', role: 'admin' });
    await sql`delete from organisation_members where user_id = ${member.id}`.execute(app.db);
    expect(await organisationOnMe(member)).toBeNull();
    await sql`insert into organisation_members (org_id, user_id, role, joined_at) values (${orgId}, ${member.id}, 'member', now())`.execute(app.db);
    expect(await organisationOnMe(member)).toMatchObject({ id: orgId, role: 'member' });
    await sql`delete from organisations where id = ${orgId}`.execute(app.db);
    expect(await organisationOnMe(member)).toBeNull();
    expect(await organisationOnMe(admin)).toBeNull();
  });

  it('keeps serving what it kept for members of other organisations when one organisation changes', async () => {
    const a = await orgWithMember('Stays Ltd', 'stays.test');
    const b = await orgWithMember('Moves Ltd', 'moves.test');
    expect(await organisationOnMe(a.member)).toMatchObject({ name: 'Stays Ltd' });
    expect(await organisationOnMe(b.member)).toMatchObject({ name: 'Moves Ltd' });
    await sql`update organisations set name = 'Moved Ltd' where id = ${b.orgId}`.execute(app.db);
    expect(await queriesOf(() => organisationOnMe(a.member))).toBe(1);
    // The changed one: its session and account, then its organisation, read again.
    expect(await queriesOf(() => organisationOnMe(b.member))).toBe(1 + 1 + 1);
    expect(await organisationOnMe(b.member)).toMatchObject({ name: 'Moved Ltd' });
  });
});
