export { createProjectsService, type ProjectsService } from './projects.service.js';
export { registerProjectsRoutes, type ProjectsRoutesDeps } from './projects.routes.js';
export { requireProjectAccess, requireProjectStaff, auditStaffRead, type ProjectAccess } from './project-access.js';
export { applyStatusChange } from './change-status.js';
export { notifyCustomer, type Delivery } from './notify-customer.js';
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
export type { ProjectsDeps, ProjectsDb, ProjectsTrxDeps } from './projects.deps.js';
export type { ProjectsTables, ProjectRow, ProjectStatus } from './projects.tables.js';
export { projectsData } from './personal-data.js';
