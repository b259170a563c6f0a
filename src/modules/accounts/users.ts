import { randomUUID } from 'node:crypto';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext, Role, Principal } from '../../platform/http/index.js';
import { actorOf, byPrincipal, tablesOf, type TActor, type Who } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import type { TProfileUpdate, TUser } from './accounts.schema.js';
import * as store from './accounts.store.js';
import type { AccountsTables, UserRow } from './accounts.tables.js';
import { issueEmailLink } from './email-links.js';
import { accountOptions, refuseUndeclaredProfileFields, requirePasswords } from './declared-data.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { sessionUserOf, type ShownUserRow } from './session-user.js';

export function presentUser(u: ShownUserRow): TUser {
  return {
    id: u.id,
    email: u.email,
    emailVerified: u.email_verified_at !== null,
    name: u.name,
    phone: u.phone,
    company: u.company,
    jobTitle: u.job_title,
    role: u.role,
    status: u.status,
    createdAt: u.created_at,
    passwordChangeRequired: u.password_must_change,
  };
}

/** The work of an operator-side change: done by `actor` (a person, the CLI, the system) for `ctx`. */
const by = (actor: TActor, ctx: Pick<RequestContext, 'requestId'>): Who => ({ actor, requestId: ctx.requestId });

/** The signed-in person's account: as the session query of this request read it, if it did. */
export async function getMe(deps: AccountsDeps, principal: Principal) {
  const user = sessionUserOf(principal) ?? (await store.findUserById(deps.db, principal.userId));
  if (!user) throw accountsErrors.signInRequired();
  return presentUser(user);
}

/** The account with this address, for the operator's console; undefined if there is none. */
export async function getUserByEmail(deps: AccountsDeps, email: string) {
  const user = await store.findUserByEmail(deps.db, email);
  return user ? presentUser(user) : undefined;
}

/**
 * Changes only the fields given: an omitted field is unchanged, an explicit null clears an optional
 * one. A field the policy in force does not declare is refused (422) before anything changes.
 */
export async function updateProfile(deps: AccountsDeps, principal: Principal, patch: TProfileUpdate, ctx: RequestContext) {
  refuseUndeclaredProfileFields(patch, await accountOptions(deps));
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const changes: Partial<UserRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.phone !== undefined) changes.phone = patch.phone;
    if (patch.company !== undefined) changes.company = patch.company;
    if (patch.jobTitle !== undefined) changes.job_title = patch.jobTitle;
    if (Object.keys(changes).length > 0) {
      await store.updateUser(db, principal.userId, changes);
      await work.audit({ action: 'accounts.profile_updated', subjectId: principal.userId, details: { fields: Object.keys(changes) } });
    }
    const user = await store.findUserById(db, principal.userId);
    return presentUser(user!);
  });
}

/**
 * Changing the password signs out every other session of the account, in the same work: any of them
 * may have been opened by whoever knew the old (or a one-time) password. Only while the policy
 * declares passwords.
 */
export async function changePassword(deps: AccountsDeps, principal: Principal, input: { currentPassword: string; newPassword: string }, ctx: RequestContext) {
  await requirePasswords(deps);
  const user = await store.findUserById(deps.db, principal.userId);
  if (!user) throw accountsErrors.signInRequired();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) throw accountsErrors.wrongPassword();
  if (input.newPassword === input.currentPassword) throw accountsErrors.samePassword();
  const hash = await hashPassword(input.newPassword);
  const now = deps.now();
  await deps.uow.run(by({ id: user.id, role: user.role }, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    await store.updateUser(db, user.id, { password_hash: hash, password_changed_at: now, password_must_change: false });
    const sessionsRevoked = await store.revokeSessions(db, user.id, now, { keep: principal.sessionId });
    await work.audit({
      action: 'accounts.password_changed',
      subjectId: user.id,
      details: { sessionsRevoked, ...(user.password_must_change ? { replacedOneTimePassword: true } : {}) },
    });
    await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertPasswordChanged(user.name, now) });
  });
}

/**
 * Sends a confirmation link to the new address; the change happens when it is followed. The current
 * password is asked where the policy declares passwords; elsewhere the session and the link suffice.
 */
export async function requestEmailChange(deps: AccountsDeps, principal: Principal, input: { currentPassword?: string | undefined; newEmail: string }, ctx: RequestContext) {
  const { signIn } = await accountOptions(deps);
  if (signIn === 'password' && input.currentPassword === undefined) throw accountsErrors.required('currentPassword');
  if (signIn !== 'password' && input.currentPassword !== undefined) throw accountsErrors.passwordsNotDeclared();
  const user = await store.findUserById(deps.db, principal.userId);
  if (!user) throw accountsErrors.signInRequired();
  if (input.currentPassword !== undefined && (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword)))) throw accountsErrors.wrongPassword();
  await deps.uow.run(by({ id: user.id, role: user.role }, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    if (await store.findUserByEmail(db, input.newEmail)) throw accountsErrors.emailTaken();
    const link = await issueEmailLink(db, deps, { userId: user.id, purpose: 'change_email', newEmail: input.newEmail });
    await work.audit({ action: 'accounts.email_change_requested', subjectId: user.id });
    await work.mail({ to: input.newEmail, userId: user.id, ...accountsMails.changeEmail(user.name, link) });
  });
}

type UserListing = { limit: number; offset: number; query?: string; role?: Role };

export async function listUsersForAdmin(deps: AccountsDeps, principal: Principal, opts: UserListing, ctx: RequestContext) {
  return listUsersBy(deps, actorOf(principal), opts, ctx);
}

/** Lists accounts for staff or the operator's console: reading other people's data is audited, one entry per listing. */
export async function listUsersBy(deps: AccountsDeps, actor: TActor, opts: UserListing, ctx: RequestContext) {
  const rows = await store.listUsers(deps.db, opts);
  await deps.uow.run(by(actor, ctx), (work) => work.audit({ action: 'accounts.users_listed', details: { userIds: rows.map((r) => r.id) } }));
  return rows.map(presentUser);
}

export async function setRole(deps: AccountsDeps, actor: TActor, userId: string, role: Role, ctx: RequestContext) {
  await deps.uow.run(by(actor, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const user = await store.findUserById(db, userId);
    if (!user) throw accountsErrors.userNotFound();
    await store.updateUser(db, userId, { role });
    await work.audit({ action: 'accounts.role_changed', subjectId: userId, details: { from: user.role, to: role } });
  });
}

export type CreateUserInput = {
  email: string;
  name: string;
  /** Stored only while the policy declares passwords (credentials.password); ignored otherwise: the person signs in by e-mailed link. */
  password?: string;
  role: Role;
  /** The password was generated or chosen for the person: they must replace it at their first sign-in. */
  passwordMustChange?: boolean;
};

/** Operator-side creation (CLI, first start): verified at once, no e-mail round trip. */
export async function createUserDirect(deps: AccountsDeps, actor: TActor, input: CreateUserInput, ctx: RequestContext) {
  const id = randomUUID();
  const now = deps.now();
  const minimumAge = await deps.policy.minimumAge();
  const { signIn, profileFields } = await accountOptions(deps);
  const passwordHash = signIn === 'password' && input.password !== undefined ? await hashPassword(input.password) : null;
  const passwordMustChange = passwordHash !== null && (input.passwordMustChange ?? false);
  await deps.uow.run(by(actor, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    if (await store.findUserByEmail(db, input.email)) throw accountsErrors.emailTaken();
    await store.insertUser(db, {
      id,
      email: input.email.toLowerCase(),
      email_verified_at: now,
      password_hash: passwordHash,
      // Like sign-up: where the policy does not declare names, the required column holds nothing.
      name: profileFields.includes('name') ? input.name : '',
      phone: null,
      company: null,
      job_title: null,
      role: input.role,
      status: 'active',
      age_attested_at: now,
      attested_minimum_age: minimumAge,
      created_at: now,
      last_active_at: now,
      password_changed_at: passwordHash ? now : null,
      password_must_change: passwordMustChange,
      closed_at: null,
    });
    await work.audit({ action: 'accounts.user_created', subjectId: id, details: { role: input.role, passwordMustChange } });
  });
  return { id, hasPassword: passwordHash !== null };
}

export async function countUsers(deps: AccountsDeps) {
  return store.countUsers(deps.db);
}

export async function setUserStatus(deps: AccountsDeps, actor: TActor, userId: string, status: 'active' | 'suspended', ctx: RequestContext) {
  await deps.uow.run(by(actor, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    // A closed account stays closed: an organisation reactivating its members does not reopen it.
    const user = await store.findUserById(db, userId);
    if (user?.status === 'closed') return;
    await store.updateUser(db, userId, { status });
    if (status === 'suspended') await store.revokeSessions(db, userId, deps.now());
    await work.audit({ action: `accounts.user_${status === 'suspended' ? 'suspended' : 'reactivated'}`, subjectId: userId });
  });
}
