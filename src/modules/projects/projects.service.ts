import type { Principal, RequestContext } from '../../platform/http/index.js';
import { assignStaff, unassignStaff } from './assignments.js';
import { changeStatus, setPromisedDelivery } from './change-status.js';
import { createProject, projectOptions } from './create-project.js';
import { listMessages, postMessage } from './messages.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.js';
import type { ProjectsDeps } from './projects.deps.js';
import type { TCreateProject } from './projects.schema.js';
import type { ProjectStatus } from './projects.tables.js';
import { getProject, listProjects } from './read-projects.js';

export type ProjectsService = ReturnType<typeof createProjectsService>;
type Page = { limit: number; offset: number };

/** The project use-cases bound to their dependencies; each lives in its own file. */
export function createProjectsService(deps: ProjectsDeps) {
  return {
    options: () => projectOptions(deps.operator),
    create: (p: Principal, input: TCreateProject, ctx: RequestContext) => createProject(deps, p, input, ctx),
    list: (p: Principal, page: Page & { status?: ProjectStatus }, ctx: RequestContext) => listProjects(deps, p, page, ctx),
    get: (p: Principal, id: string, ctx: RequestContext) => getProject(deps, p, id, ctx),
    changeStatus: (p: Principal, id: string, input: { status: ProjectStatus; note: string | null }, ctx: RequestContext) => changeStatus(deps, p, id, input, ctx),
    setPromisedDelivery: (p: Principal, id: string, date: string | null, ctx: RequestContext) => setPromisedDelivery(deps, p, id, date, ctx),
    assign: (p: Principal, id: string, staffId: string, ctx: RequestContext) => assignStaff(deps, p, id, staffId, ctx),
    unassign: (p: Principal, id: string, staffId: string, ctx: RequestContext) => unassignStaff(deps, p, id, staffId, ctx),
    listMessages: (p: Principal, id: string, page: Page, ctx: RequestContext) => listMessages(deps, p, id, page, ctx),
    postMessage: (p: Principal, id: string, body: string, ctx: RequestContext) => postMessage(deps, p, id, body, ctx),
    listNotifications: (p: Principal, opts: Page & { unreadOnly: boolean }) => listNotifications(deps, p, opts),
    markNotificationRead: (p: Principal, id: string) => markNotificationRead(deps, p, id),
    markAllNotificationsRead: (p: Principal) => markAllNotificationsRead(deps, p),
  };
}
