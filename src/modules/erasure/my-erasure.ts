import { verifyLink } from '../../platform/crypto/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal } from '../../platform/unit-of-work/index.js';
import { passwordHashOf, revokeAllSessions, signedInRecently, verifyPassword } from '../accounts/index.js';
import type { ErasureCertificate } from './erasure-certificate.js';
import type { ErasureBaseDeps, ErasureDeps } from './erasure.deps.js';
import { erasureErrors } from './erasure.errors.js';
import * as store from './erasure.store.js';
import { startErasure } from './run-erasure.js';

/**
 * "Delete my account": a stolen session alone must not erase an account, so it needs the current
 * password, or, for an account without one (a policy without passwords), a sign-in by e-mailed link
 * moments ago. It ends every session at once and queues the erasure. The answer carries the link to
 * the certificate, which works after the account is gone.
 */
export async function eraseMyAccount(deps: ErasureDeps, p: Principal, password: string | undefined, ctx: RequestContext) {
  // The hash is read in a short unit of work and checked outside it: argon2 takes a while.
  const { passwordHash, recent } = await deps.uow.run(byPrincipal(p, ctx), async (work) => ({
    passwordHash: await passwordHashOf(work, p.userId),
    recent: p.sessionId ? await signedInRecently(work, p.userId, p.sessionId, deps.now()) : false,
  }));
  if (passwordHash === undefined) {
    if (!recent) throw erasureErrors.signInAgain();
  } else if (password === undefined || !(await verifyPassword(passwordHash, password))) throw erasureErrors.wrongPassword();
  const { erasureId, token } = await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    await revokeAllSessions(work, p.userId, deps.now());
    return startErasure(deps, work, { userId: p.userId, origin: 'self' });
  });
  return { erasureId, token, certificateUrl: `${deps.publicUrl}/privacy/erasure/${erasureId}?token=${token}` };
}

/** The certificate by its signed link (no sign-in: the account it was about no longer exists). */
export async function readErasure(deps: ErasureBaseDeps, erasureId: string, token: string) {
  if (!verifyLink(deps.fileVault.masterKeys(), 'erasure-certificate', erasureId, token)) throw erasureErrors.erasureNotFound();
  const row = await store.findErasure(deps.db, erasureId);
  if (!row) throw erasureErrors.erasureNotFound();
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    progress: { tablesDone: row.progress.done.length },
    certificate: (row.certificate ?? null) as ErasureCertificate | null,
    certificateText: row.certificate_text,
  };
}
