import { recordAudit } from '../audit/index.js';
import type { AccountsDeps } from './accounts.deps.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { accountsErrors } from './accounts.errors.js';
import { accountsMails } from './accounts.mails.js';
import * as store from './accounts.store.js';
import { hashToken } from '../../platform/crypto/index.js';

/** Resolves a session cookie to the signed-in person, or null. */
export async function authenticate(deps: AccountsDeps, token: string): Promise<Principal | null> {
  const now = deps.now();
  const row = await store.findLiveSessionByTokenHash(deps.db, hashToken(token), now);
  if (!row || row.status !== 'active') return null;
  // Writing on every request would serialise all reads behind PGlite's single connection.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) await store.touchSession(deps.db, row.session_id, row.user_id, now);
  return { userId: row.user_id, sessionId: row.session_id, role: row.role, passwordMustChange: row.password_must_change };
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
  await deps.db.transaction().execute(async (trx) => {
    await store.revokeSessions(trx, principal.userId, deps.now(), { only: principal.sessionId });
    await recordAudit(trx, deps, { actor: { id: principal.userId, role: principal.role }, action: 'accounts.signed_out', subjectId: principal.userId, target: { type: 'session', id: principal.sessionId }, requestId: ctx.requestId });
  });
}

/** Revokes one session (`only`) or every session but the current one. */
export async function revokeSessions(deps: AccountsDeps, principal: Principal, which: { only: string } | { allOthers: true }, ctx: RequestContext) {
  const now = deps.now();
  const { count, deliveries } = await deps.db.transaction().execute(async (trx) => {
    const opts = 'only' in which ? { only: which.only } : { keep: principal.sessionId };
    const revoked = await store.revokeSessions(trx, principal.userId, now, opts);
    if ('only' in which && revoked === 0) throw accountsErrors.sessionNotFound();
    await recordAudit(trx, deps, {
      actor: { id: principal.userId, role: principal.role },
      action: 'accounts.sessions_revoked',
      subjectId: principal.userId,
      requestId: ctx.requestId,
      details: { count: revoked, scope: 'only' in which ? 'one' : 'all-others' },
    });
    const user = await store.findUserById(trx, principal.userId);
    if (!user || revoked === 0) return { count: revoked, deliveries: [] };
    return { count: revoked, deliveries: [await deps.mail.enqueue(trx, { to: user.email, userId: user.id, ...accountsMails.alertSessionsRevoked(user.name, revoked, now) })] };
  });
  for (const deliver of deliveries) await deliver();
  return count;
}
