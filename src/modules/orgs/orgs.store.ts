import type { Queryable } from '../../platform/db/index.js';
import type { MemberStatus, OrgsTables } from './orgs.tables.js';

type Db = Queryable<OrgsTables>;

export async function insertOrganisation(db: Db, row: OrgsTables['organisations']) {
  await db.insertInto('organisations').values(row).execute();
}

export async function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Row-locks the organisation so membership changes to it run one at a time (the last-admin rule). */
export async function lockOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listOrganisations(db: Db, opts: { limit: number; offset: number }) {
  return db
    .selectFrom('organisations')
    .select((eb) => [
      'organisations.id',
      'organisations.name',
      eb.selectFrom('organisation_members').select((m) => m.fn.countAll<string>().as('n')).whereRef('organisation_members.org_id', '=', 'organisations.id').as('member_count'),
    ])
    .orderBy('organisations.name')
    .orderBy('organisations.id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function insertDomains(db: Db, orgId: string, domains: string[]) {
  if (domains.length === 0) return;
  await db.insertInto('organisation_domains').values(domains.map((domain) => ({ domain, org_id: orgId }))).execute();
}

export async function listDomains(db: Db, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  return db.selectFrom('organisation_domains').selectAll().where('org_id', 'in', orgIds).orderBy('domain').execute();
}

export async function findDomainClaims(db: Db, domains: string[]) {
  if (domains.length === 0) return [];
  return db
    .selectFrom('organisation_domains')
    .innerJoin('organisations', 'organisations.id', 'organisation_domains.org_id')
    .select(['organisation_domains.domain', 'organisations.id as org_id', 'organisations.name as org_name'])
    .where('organisation_domains.domain', 'in', domains)
    .execute();
}

/** The one organisation a user belongs to, if any. */
export async function findMembershipOfUser(db: Db, userId: string) {
  return db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.org_id')
    .select(['organisations.id', 'organisations.name', 'organisation_members.role', 'organisation_members.status'])
    .where('organisation_members.user_id', '=', userId)
    .executeTakeFirst();
}

export async function findMember(db: Db, orgId: string, userId: string) {
  return db.selectFrom('organisation_members').select(['user_id', 'role', 'status']).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertMember(db: Db, row: OrgsTables['organisation_members']) {
  await db.insertInto('organisation_members').values(row).execute();
}

export async function setMemberStatus(db: Db, orgId: string, userId: string, status: MemberStatus) {
  await db.updateTable('organisation_members').set({ status }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function deleteMember(db: Db, orgId: string, userId: string) {
  await db.deleteFrom('organisation_members').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function countActiveAdmins(db: Db, orgId: string) {
  const r = await db
    .selectFrom('organisation_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listMembers(db: Db, orgId: string, opts: { limit: number; offset: number }) {
  return db
    .selectFrom('organisation_members')
    .select(['user_id', 'role', 'status', 'joined_at'])
    .where('org_id', '=', orgId)
    .orderBy('joined_at')
    .orderBy('user_id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function listPendingInvitations(db: Db, orgId: string, now: Date) {
  return db
    .selectFrom('organisation_invitations')
    .select(['id', 'email', 'created_at', 'expires_at'])
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function insertInvitation(db: Db, row: OrgsTables['organisation_invitations']) {
  await db.insertInto('organisation_invitations').values(row).execute();
}

/** A new invitation replaces the unused ones to the same address: only the newest link works. */
export async function deletePendingInvitations(db: Db, orgId: string, email: string) {
  await db.deleteFrom('organisation_invitations').where('org_id', '=', orgId).where('email', '=', email).where('accepted_at', 'is', null).execute();
}

/** Marks an invitation accepted and returns it, atomically: a replayed link finds nothing. */
export async function consumeInvitation(db: Db, tokenHash: string, now: Date) {
  return db
    .updateTable('organisation_invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}
