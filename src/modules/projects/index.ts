export { projectsUseCases, type ProjectsService } from './projects.use-cases.js';
export { registerProjectsRoutes, type ProjectsRoutesDeps } from './projects.routes.js';
export { requireProjectAccess, requireProjectStaff, auditStaffRead, findProject, type ProjectAccess } from './project-access.js';
export { applyStatusChange } from './change-status.js';
export { notifyCustomer } from './notify-customer.js';
export { projectLink } from './projects.mails.js';
export { acceptsFiles, isClosed } from './project-status.js';
export {
  loadOperatorSettings,
  defaultOperatorSettings,
  findProcess,
  findMaterial,
  ZOperatorSettings,
  ZProcess,
  OPERATOR_SETTINGS_FILE,
  type TOperatorSettings,
  type TOperatorProcess,
  type TProcess,
} from './operator-settings.js';
export type { ProjectsDeps, ProjectsWorkDeps } from './projects.deps.js';
export type { ProjectRow, ProjectStatus } from './projects.tables.js';
export { projectsData } from './personal-data.js';
export { listProjectIdsOfCustomer } from './customer-projects.js';
