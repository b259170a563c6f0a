import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import type { PrivacyDeps } from './privacy.deps.js';
import { privacyErrors } from './privacy.errors.js';
import * as store from './privacy.store.js';
import type { PrivacyTables } from './privacy.tables.js';

export async function listMyNotices(deps: PrivacyDeps, principal: Principal) {
  const rows = await store.listNoticesOf(deps.db, principal.userId);
  return rows.map((r) => ({ version: r.version, sentAt: r.sent_at, acknowledgedAt: r.acknowledged_at }));
}

/** Records that the person read the notice of a version; acknowledging twice keeps the first time. */
export async function acknowledgeNotice(deps: PrivacyDeps, principal: Principal, version: number, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<PrivacyTables>(work);
    const now = deps.now();
    const updated = await store.acknowledgeNotice(db, principal.userId, version, now);
    if (!updated) {
      const existing = await store.findNotice(db, principal.userId, version);
      if (!existing) throw privacyErrors.noNotice(version);
      return { version, acknowledgedAt: existing.acknowledged_at ?? now };
    }
    await work.audit({
      action: 'privacy.change_notice_acknowledged',
      subjectId: principal.userId,
      target: { type: 'policy_notice', id: `${principal.userId}:${version}` },
      details: { version },
    });
    return { version, acknowledgedAt: updated.acknowledged_at ?? now };
  });
}
