import type { AccountsDeps } from './accounts.deps.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { hashToken } from '../../platform/crypto/index.js';
import { rememberSessionUser } from './session-user.js';

/** Resolves a session cookie to the signed-in person, or null. */
export async function authenticate(deps: AccountsDeps, token: string): Promise<Principal | null> {
  const now = deps.now();
  const row = await store.findLiveSessionByTokenHash(deps.db, hashToken(token), now);
  if (!row || row.status !== 'active') return null;
  // Writing on every request would serialise all reads behind PGlite's single connection.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await store.touchSession(deps.db, row.session_id, row.id, now);
  const { session_id: sessionId, last_seen_at: _lastSeen, ...user } = row;
  const principal: Principal = { userId: user.id, sessionId, role: user.role, passwordMustChange: user.password_must_change };
  rememberSessionUser(principal, user);
  return principal;
}

export async function listSessions(deps: AccountsDeps, principal: Principal) {
  const rows = await store.listLiveSessions(deps.db, principal.userId, deps.now());
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    deviceLabel: s.device_label,
    current: s.id === principal.sessionId,
  }));
}

export async function signOut(deps: AccountsDeps, principal: Principal, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    await store.revokeSessions(tablesOf<AccountsTables>(work), principal.userId, deps.now(), { only: principal.sessionId });
    await work.audit({ action: 'accounts.signed_out', subjectId: principal.userId, target: { type: 'session', id: principal.sessionId } });
  });
}

/** Revokes one session (`only`) or every session but the current one. */
export async function revokeSessions(deps: AccountsDeps, principal: Principal, which: { only: string } | { allOthers: true }, ctx: RequestContext) {
  const now = deps.now();
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<AccountsTables>(work);
    const opts = 'only' in which ? { only: which.only } : { keep: principal.sessionId };
    const revoked = await store.revokeSessions(db, principal.userId, now, opts);
    if ('only' in which && revoked === 0) throw accountsErrors.sessionNotFound();
    await work.audit({
      action: 'accounts.sessions_revoked',
      subjectId: principal.userId,
      details: { count: revoked, scope: 'only' in which ? 'one' : 'all-others' },
    });
    const user = await store.findUserById(db, principal.userId);
    if (user && revoked > 0) await work.mail({ to: user.email, userId: user.id, ...accountsMails.alertSessionsRevoked(user.name, revoked, now) });
    return revoked;
  });
}
