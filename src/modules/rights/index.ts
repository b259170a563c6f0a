/**
 * Data rights, the person's side: the privacy dashboard, restriction of processing and opt-outs, the
 * disclosure log as the person and the privacy officers see it, and organisation administrators'
 * export and erasure of members. Export, erasure and requests are sibling modules (data-export,
 * erasure, rights-requests) over the same registry walker (subject-data); README.md maps them.
 *
 * The processing check (`assertProcessingAllowed`) and the disclosure log itself live in the egress
 * module, below this one, with the one way out (`handOver`) that asks them.
 */
export { rightsUseCases, type RightsService } from './rights.use-cases.js';
export { registerRightsRoutes, type RightsRoutesDeps } from './rights.routes.js';
export { registerOfficerRoutes } from './officer.routes.js';
export type { RightsDeps } from './rights.deps.js';
