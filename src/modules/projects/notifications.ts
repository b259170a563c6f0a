import type { Principal } from '../../platform/http/index.js';
import type { ProjectsDeps } from './projects.deps.js';
import { projectsErrors } from './projects.errors.js';
import * as store from './projects.store.js';

type Page = { limit: number; offset: number };

/** A person's own in-app notifications, newest first. */
export async function listNotifications(deps: ProjectsDeps, principal: Principal, opts: Page & { unreadOnly: boolean }) {
  const rows = await store.listNotifications(deps.db, principal.userId, opts);
  const unread = await store.countUnreadNotifications(deps.db, principal.userId);
  return {
    unread,
    notifications: rows.map((n) => ({ id: n.id, projectId: n.project_id, kind: n.kind, title: n.title, body: n.body, createdAt: n.created_at, readAt: n.read_at })),
  };
}

export async function markNotificationRead(deps: ProjectsDeps, principal: Principal, id: string) {
  if (!(await store.markNotificationRead(deps.db, principal.userId, id, deps.now()))) throw projectsErrors.notificationNotFound();
}

export async function markAllNotificationsRead(deps: ProjectsDeps, principal: Principal) {
  return store.markAllNotificationsRead(deps.db, principal.userId, deps.now());
}
