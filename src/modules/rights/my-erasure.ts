import type { Principal, RequestContext } from '../../platform/http/index.js';
import { verifyPassword } from '../accounts/index.js';
import type { ErasureCertificate } from './erasure-certificate.js';
import { verifyLink } from './link-signing.js';
import type { RightsDeps } from './rights.deps.js';
import { rightsErrors } from './rights.errors.js';
import * as store from './rights.store.js';
import { startErasure } from './run-erasure.js';

/**
 * "Delete my account": needs the current password (a stolen session alone must not erase an
 * account), ends every session at once, and queues the erasure. The answer carries the link to the
 * certificate, which works after the account is gone.
 */
export async function eraseMyAccount(deps: RightsDeps, p: Principal, password: string, ctx: RequestContext) {
  const user = await store.findUser(deps.db, p.userId);
  if (!user || !(await verifyPassword(user.password_hash, password))) throw rightsErrors.wrongPassword();
  const { erasureId, token } = await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: deps.now() }).where('user_id', '=', p.userId).where('revoked_at', 'is', null).execute();
    return startErasure(trx, deps, { userId: p.userId, origin: 'self', actor: { id: p.userId, role: p.role }, requestId: ctx.requestId });
  });
  return { erasureId, token, certificateUrl: `${deps.publicUrl}/privacy/erasure/${erasureId}?token=${token}` };
}

/** The certificate by its signed link (no sign-in: the account it was about no longer exists). */
export async function readErasure(deps: RightsDeps, erasureId: string, token: string) {
  if (!verifyLink(deps.fileVault.masterKeys(), 'erasure-certificate', erasureId, token)) throw rightsErrors.erasureNotFound();
  const row = await store.findErasure(deps.db, erasureId);
  if (!row) throw rightsErrors.erasureNotFound();
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
