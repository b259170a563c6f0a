import { randomUUID } from 'node:crypto';
import { findUsersContact } from '../accounts/index.js';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { auditStaffRead, messageRefusal, requireProjectAccess } from './project-access.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectLink, projectsMails } from './projects.mails.js';
import * as store from './projects.store.js';
import type { ProjectsTables } from './projects.tables.js';
import { notifyCustomer } from './notify-customer.js';

type Page = { limit: number; offset: number };

/** The thread between a project's customer and the staff working on it. */
export async function listMessages(deps: ProjectsDeps, principal: Principal, projectId: string, page: Page, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId);
    const rows = await store.listMessages(tablesOf<ProjectsTables>(work), projectId, page);
    const authorIds = rows.flatMap((m) => (m.author_id ? [m.author_id] : []));
    const names = new Map((await findUsersContact(work, authorIds)).map((u) => [u.id, u.name]));
    await auditStaffRead(work, access, 'messages', { count: rows.length });
    return rows.map((m) => ({
      id: m.id,
      authorId: m.author_id,
      authorName: m.author_id ? (names.get(m.author_id) ?? null) : null,
      authorRole: m.author_role,
      body: m.body,
      createdAt: m.created_at,
    }));
  });
}

/** A message from staff reaches the customer as a notification and an e-mail (which holds a link, not the text). */
export async function postMessage(deps: ProjectsDeps, principal: Principal, projectId: string, body: string, ctx: RequestContext) {
  const id = randomUUID();
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId);
    const refusal = messageRefusal(access.project.status);
    if (refusal) throw refusal;
    await store.insertMessage(tablesOf<ProjectsTables>(work), { id, project_id: projectId, author_id: principal.userId, author_role: access.as, body, created_at: deps.now() });
    await work.audit({
      action: 'projects.message_posted',
      subjectId: access.project.customer_id,
      target: { type: 'project', id: projectId },
      details: { messageId: id },
    });
    if (access.as === 'customer') return;
    const link = projectLink(deps.publicUrl, projectId);
    await notifyCustomer(work, deps, access.project, (name) => projectsMails.newMessage(name, access.project.title, link));
  });
  return { id };
}
