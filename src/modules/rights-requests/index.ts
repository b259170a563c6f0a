/**
 * Requests about people's data that the dashboard cannot fulfil alone: the public request form (with
 * its e-mailed confirmation, also for authorised agents), correction requests, and the privacy
 * officers' queue with the manifest's answer deadlines, extensions, answers, metrics and the daily
 * reminder. Fulfilling one starts an export or an erasure in the same work.
 */
export { rightsRequestsUseCases, type RightsRequestsService } from './rights-requests.use-cases.js';
export { registerRightsRequestsRoutes, type RightsRequestsRoutesDeps } from './rights-requests.routes.js';
export { registerRequestOfficerRoutes } from './officer.routes.js';
export { defineReminderJob, rightsRequestsJobs } from './rights-requests.jobs.js';
export { fileReceivedRequest, listRequestsOf } from './request-intake.js';
export { accountIdOfRequest } from './request-account.js';
export type { RightsRequestsDeps, RightsRequestsSettings } from './rights-requests.deps.js';
export { REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus } from './rights-requests.tables.js';
export { rightsRequestsData } from './personal-data.js';
export { listOverdueRequests } from './overdue-requests.js';
