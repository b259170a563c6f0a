import type { AccountsDeps } from './accounts.deps.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import type { AccountsTables } from './accounts.tables.js';
import { hashToken } from '../../platform/crypto/index.js';
import { sessionCacheOf, TOUCH_AFTER_MS, type KeptSession } from './session-cache.js';
import { rememberSession } from './session-user.js';

/**
 * Resolves a session cookie to the signed-in person, or null. A session this process read before is
 * served from memory while no change to its account or the account's sessions happened since
 * (session-cache.ts): one shared query of the accounts' versions instead of the session's.
 */
export async function authenticate(deps: AccountsDeps, token: string): Promise<Principal | null> {
  const now = deps.now();
  const tokenHash = hashToken(token);
  const cache = sessionCacheOf(deps);
  const kept = cache.kept(tokenHash);
  if (kept && kept.expiresAt > now && now.getTime() - kept.lastSeenAt.getTime() <= TOUCH_AFTER_MS && kept.version === (await cache.currentVersion(kept.user.id))) {
    return principalFor(kept);
  }
  const row = await store.findLiveSessionByTokenHash(deps.db, tokenHash, now);
  if (!row || row.status !== 'active') {
    cache.forget(tokenHash);
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  // Writing on every request would serialise all reads behind PGlite's single connection.
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await store.touchSession(deps.db, row.session_id, row.id, now);
    lastSeenAt = now;
  }
  const { session_id: sessionId, last_seen_at: _lastSeen, expires_at: expiresAt, changes_version: changesVersion, ...user } = row;
  const version = String(changesVersion);
  // Read again only to be touched (the version unchanged since): what was kept beside it still holds.
  const memo = kept && kept.sessionId === sessionId && kept.version === version ? kept.memo : new Map<string, Promise<unknown>>();
  const session: KeptSession = { sessionId, user, expiresAt, lastSeenAt, version, memo };
  cache.keep(tokenHash, session);
  return principalFor(session);
}

/** A new Principal per request, carrying the account row for GET /api/me (session-user.ts) and the session's memo. */
function principalFor(session: KeptSession): Principal {
  const { user } = session;
  const principal: Principal = { userId: user.id, sessionId: session.sessionId, role: user.role, passwordMustChange: user.password_must_change };
  rememberSession(principal, user, session.memo);
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
