import type { Principal, RequestContext, Role } from '../../platform/http/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import type { TProfileUpdate, TSignUp } from './accounts.schema.js';
import * as links from './email-links.js';
import { createDummyHash } from './passwords.js';
import * as sessions from './sessions.js';
import { signIn } from './sign-in.js';
import { signUp } from './sign-up.js';
import * as users from './users.js';

export type AccountsService = ReturnType<typeof createAccountsService>;
type Actor = { id: string | null; role: string };

/** The accounts use-cases bound to their dependencies; each lives in its own file. */
export function createAccountsService(deps: AccountsDeps) {
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= createDummyHash());
  return {
    signUp: (input: TSignUp, ctx: RequestContext) => signUp(deps, input, ctx),
    signIn: (input: { email: string; password: string }, ctx: RequestContext) => signIn({ ...deps, dummyHash }, input, ctx),
    authenticate: (token: string) => sessions.authenticate(deps, token),
    signOut: (p: Principal, ctx: RequestContext) => sessions.signOut(deps, p, ctx),
    listSessions: (p: Principal) => sessions.listSessions(deps, p),
    revokeSessions: (p: Principal, which: { only: string } | { allOthers: true }, ctx: RequestContext) => sessions.revokeSessions(deps, p, which, ctx),
    verifyEmail: (token: string, ctx: RequestContext) => links.verifyEmail(deps, token, ctx),
    requestPasswordReset: (email: string, ctx: RequestContext) => links.requestPasswordReset(deps, email, ctx),
    resetPassword: (token: string, password: string, ctx: RequestContext) => links.resetPassword(deps, token, password, ctx),
    confirmEmailChange: (token: string, ctx: RequestContext) => links.confirmEmailChange(deps, token, ctx),
    getMe: (p: Principal) => users.getMe(deps, p),
    updateProfile: (p: Principal, patch: TProfileUpdate, ctx: RequestContext) => users.updateProfile(deps, p, patch, ctx),
    changePassword: (p: Principal, input: { currentPassword: string; newPassword: string }, ctx: RequestContext) => users.changePassword(deps, p, input, ctx),
    requestEmailChange: (p: Principal, input: { currentPassword: string; newEmail: string }, ctx: RequestContext) => users.requestEmailChange(deps, p, input, ctx),
    listUsers: (p: Principal, opts: { limit: number; offset: number; query?: string; role?: Role }, ctx: RequestContext) => users.listUsersForAdmin(deps, p, opts, ctx),
    setRole: (actor: Actor, userId: string, role: Role, ctx: RequestContext) => users.setRole(deps, actor, userId, role, ctx),
    setUserStatus: (actor: Actor, userId: string, status: 'active' | 'suspended', ctx: RequestContext) => users.setUserStatus(deps, actor, userId, status, ctx),
    createUser: (actor: Actor, input: users.CreateUserInput, ctx: RequestContext) => users.createUserDirect(deps, actor, input, ctx),
    countUsers: () => users.countUsers(deps),
  };
}
