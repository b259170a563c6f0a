import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { auditStaffRead, messageRefusal, requireProjectAccess } from './project-access.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectLink, projectsMails } from './projects.mails.js';
import * as store from './projects.store.js';
import { notifyCustomer } from './notify-customer.js';

type Page = { limit: number; offset: number };

/** The thread between a project's customer and the staff working on it. */
export async function listMessages(deps: ProjectsDeps, principal: Principal, projectId: string, page: Page, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId);
    const rows = await store.listMessages(trx, projectId, page);
    await auditStaffRead(trx, deps, access, ctx, 'messages', { count: rows.length });
    return rows.map((m) => ({ id: m.id, authorId: m.author_id, authorName: m.author_name ?? null, authorRole: m.author_role, body: m.body, createdAt: m.created_at }));
  });
}

/** A message from staff reaches the customer as a notification and an e-mail (which holds a link, not the text). */
export async function postMessage(deps: ProjectsDeps, principal: Principal, projectId: string, body: string, ctx: RequestContext) {
  const id = randomUUID();
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId);
    const refusal = messageRefusal(access.project.status);
    if (refusal) throw refusal;
    await store.insertMessage(trx, { id, project_id: projectId, author_id: principal.userId, author_role: access.as, body, created_at: deps.now() });
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'projects.message_posted',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: projectId },
      requestId: ctx.requestId,
      details: { messageId: id },
    });
    if (access.as === 'customer') return [];
    const link = projectLink(deps.publicUrl, projectId);
    return notifyCustomer(trx, deps, access.project, (name) => projectsMails.newMessage(name, access.project.title, link));
  });
  for (const deliver of deliveries) await deliver();
  return { id };
}
