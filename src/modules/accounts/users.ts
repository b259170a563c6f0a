import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import type { RequestContext, Role, Principal } from '../../platform/http/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import type { TProfileUpdate, TUser } from './accounts.schema.js';
import * as store from './accounts.store.js';
import type { UserRow } from './accounts.tables.js';
import { issueEmailLink } from './email-links.js';
import { hashPassword, verifyPassword } from './passwords.js';

export function presentUser(u: UserRow): TUser {
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

export async function getMe(deps: AccountsDeps, principal: Principal) {
  const user = await store.findUserById(deps.db, principal.userId);
  if (!user) throw accountsErrors.signInRequired();
  return presentUser(user);
}

export async function updateProfile(deps: AccountsDeps, principal: Principal, patch: TProfileUpdate, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const changes: Partial<UserRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.phone !== undefined) changes.phone = patch.phone;
    if (patch.company !== undefined) changes.company = patch.company;
    if (patch.jobTitle !== undefined) changes.job_title = patch.jobTitle;
    if (Object.keys(changes).length > 0) {
      await store.updateUser(trx, principal.userId, changes);
      await recordAudit(trx, deps, {
        actor: { id: principal.userId, role: principal.role },
        action: 'accounts.profile_updated',
        subjectId: principal.userId,
        requestId: ctx.requestId,
        details: { fields: Object.keys(changes) },
      });
    }
    const user = await store.findUserById(trx, principal.userId);
    return presentUser(user!);
  });
}

/**
 * Replacing a one-time password also signs out every other session: each of them was opened with
 * a password someone else knew, and would otherwise gain full access once the flag is cleared.
 */
export async function changePassword(deps: AccountsDeps, principal: Principal, input: { currentPassword: string; newPassword: string }, ctx: RequestContext) {
  const user = await store.findUserById(deps.db, principal.userId);
  if (!user) throw accountsErrors.signInRequired();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw accountsErrors.wrongPassword();
  if (input.newPassword === input.currentPassword) throw accountsErrors.samePassword();
  const hash = await hashPassword(input.newPassword);
  const now = deps.now();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    await store.updateUser(trx, user.id, { password_hash: hash, password_changed_at: now, password_must_change: false });
    const oneTime = user.password_must_change ? { replacedOneTimePassword: true, sessionsRevoked: await store.revokeSessions(trx, user.id, now, { keep: principal.sessionId }) } : undefined;
    await recordAudit(trx, deps, {
      actor: { id: user.id, role: user.role },
      action: 'accounts.password_changed',
      subjectId: user.id,
      requestId: ctx.requestId,
      ...(oneTime ? { details: oneTime } : {}),
    });
    return [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.alertPasswordChanged(user.name, now) })];
  });
  for (const deliver of deliveries) await deliver();
}

/** Sends a confirmation link to the new address; the change happens when it is followed. */
export async function requestEmailChange(deps: AccountsDeps, principal: Principal, input: { currentPassword: string; newEmail: string }, ctx: RequestContext) {
  const user = await store.findUserById(deps.db, principal.userId);
  if (!user) throw accountsErrors.signInRequired();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw accountsErrors.wrongPassword();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    if (await store.findUserByEmail(trx, input.newEmail)) throw accountsErrors.emailTaken();
    const link = await issueEmailLink(trx, deps, { userId: user.id, purpose: 'change_email', newEmail: input.newEmail });
    await recordAudit(trx, deps, { actor: { id: user.id, role: user.role }, action: 'accounts.email_change_requested', subjectId: user.id, requestId: ctx.requestId });
    return [await deps.mail.enqueue(trx, { to: input.newEmail, userId: user.id, ...accountsMails.changeEmail(user.name, link) })];
  });
  for (const deliver of deliveries) await deliver();
}

export async function listUsersForAdmin(deps: AccountsDeps, principal: Principal, opts: { limit: number; offset: number; query?: string; role?: Role }, ctx: RequestContext) {
  const rows = await store.listUsers(deps.db, opts);
  // Staff reading other people's data is audited, one entry per listing.
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, {
      actor: { id: principal.userId, role: principal.role },
      action: 'accounts.users_listed',
      requestId: ctx.requestId,
      details: { userIds: rows.map((r) => r.id) },
    }),
  );
  return rows.map(presentUser);
}

export async function setRole(deps: AccountsDeps, actor: { id: string | null; role: string }, userId: string, role: Role, ctx: RequestContext) {
  await deps.db.transaction().execute(async (trx) => {
    const user = await store.findUserById(trx, userId);
    if (!user) throw accountsErrors.userNotFound();
    await store.updateUser(trx, userId, { role });
    await recordAudit(trx, deps, { actor, action: 'accounts.role_changed', subjectId: userId, requestId: ctx.requestId, details: { from: user.role, to: role } });
  });
}

export type CreateUserInput = {
  email: string;
  name: string;
  password: string;
  role: Role;
  /** The password was generated or chosen for the person: they must replace it at their first sign-in. */
  passwordMustChange?: boolean;
};

/** Operator-side creation (CLI, first start): verified at once, no e-mail round trip. */
export async function createUserDirect(deps: AccountsDeps, actor: { id: string | null; role: string }, input: CreateUserInput, ctx: RequestContext) {
  const id = randomUUID();
  const now = deps.now();
  const minimumAge = await deps.policy.minimumAge();
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    if (await store.findUserByEmail(trx, input.email)) throw accountsErrors.emailTaken();
    await store.insertUser(trx, {
      id,
      email: input.email.toLowerCase(),
      email_verified_at: now,
      password_hash: passwordHash,
      name: input.name,
      phone: null,
      company: null,
      job_title: null,
      role: input.role,
      status: 'active',
      age_attested_at: now,
      attested_minimum_age: minimumAge,
      created_at: now,
      last_active_at: now,
      password_changed_at: now,
      password_must_change: input.passwordMustChange ?? false,
    });
    await recordAudit(trx, deps, {
      actor,
      action: 'accounts.user_created',
      subjectId: id,
      requestId: ctx.requestId,
      details: { role: input.role, passwordMustChange: input.passwordMustChange ?? false },
    });
  });
  return { id };
}

export async function countUsers(deps: AccountsDeps) {
  return store.countUsers(deps.db);
}

export async function setUserStatus(deps: AccountsDeps, actor: { id: string | null; role: string }, userId: string, status: 'active' | 'suspended', ctx: RequestContext) {
  await deps.db.transaction().execute(async (trx) => {
    await store.updateUser(trx, userId, { status });
    if (status === 'suspended') await store.revokeSessions(trx, userId, deps.now());
    await recordAudit(trx, deps, { actor, action: `accounts.user_${status === 'suspended' ? 'suspended' : 'reactivated'}`, subjectId: userId, requestId: ctx.requestId });
  });
}
