import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { assertStaff } from './staff-inbox.js';
import type { SupportDeps } from './support.deps.js';
import { supportErrors } from './support.errors.js';
import * as store from './support.store.js';
import type { SupportTables } from './support.tables.js';

const view = (r: SupportTables['support_canned_replies']) => ({ id: r.id, title: r.title, body: r.body, createdAt: r.created_at.toISOString() });

/** Stored answers staff start a reply from. */
export async function listCannedReplies(deps: SupportDeps, p: Principal) {
  assertStaff(p);
  return (await store.listCannedReplies(deps.db)).map(view);
}

export async function createCannedReply(deps: SupportDeps, p: Principal, input: { title: string; body: string }, ctx: RequestContext) {
  assertStaff(p);
  return deps.uow.run(byPrincipal(p, ctx), async (work) => {
    const row = { id: randomUUID(), title: input.title, body: input.body, created_by: p.userId, created_at: deps.now() };
    await store.insertCannedReply(tablesOf<SupportTables>(work), row);
    await work.audit({ action: 'support.canned_reply_created', target: { type: 'support_canned_reply', id: row.id } });
    return view(row);
  });
}

export async function deleteCannedReply(deps: SupportDeps, p: Principal, id: string, ctx: RequestContext) {
  assertStaff(p);
  await deps.uow.run(byPrincipal(p, ctx), async (work) => {
    if (!(await store.deleteCannedReply(tablesOf<SupportTables>(work), id))) throw supportErrors.cannedReplyNotFound();
    await work.audit({ action: 'support.canned_reply_deleted', target: { type: 'support_canned_reply', id } });
  });
}
