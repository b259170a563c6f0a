import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { assignStaff, unassignStaff } from './assignments.js';
import { changeStatus, setPromisedDelivery } from './change-status.js';
import { createProject, projectOptions } from './create-project.js';
import { listMessages, postMessage } from './messages.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.js';
import type { ProjectsDeps } from './projects.deps.js';
import { getProject, listProjects } from './read-projects.js';

/** The project use-cases, each in its own file; the app binds them to their deps once (`app.services.projects`). */
export const projectsUseCases = {
  options: projectOptions,
  create: createProject,
  list: listProjects,
  get: getProject,
  changeStatus,
  setPromisedDelivery,
  assign: assignStaff,
  unassign: unassignStaff,
  listMessages,
  postMessage,
  listNotifications,
  markNotificationRead,
  markAllNotificationsRead,
};

export type ProjectsService = BoundUseCases<ProjectsDeps, typeof projectsUseCases>;
