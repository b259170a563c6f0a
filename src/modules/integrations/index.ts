/**
 * Integrations: the systems a customer or organisation admin connects. Outgoing, Standard Webhooks
 * of the events the unit of work publishes (`recordEvent` is the app's listener), each delivery
 * handed over through egress with only what the manifest lets the connected systems receive, retried
 * on a schedule of about three days, disabled by a 410, with a history and replay. Incoming, records
 * a connection's token sends in (an online shop's orders), stored with their source.
 */
export { integrationsUseCases, type IntegrationsService } from './integrations.use-cases.js';
export { registerIntegrationsRoutes, type IntegrationsRoutesDeps } from './integrations.routes.js';
export { createIntegrationsDeps, integrationsJobs } from './integrations.jobs.js';
export { recordEvent } from './record-event.js';
export { integrationsData } from './personal-data.js';
export { EVENT_TYPES } from './integrations.tables.js';
export type { IntegrationsDeps, IntegrationsWorkDeps } from './integrations.deps.js';
