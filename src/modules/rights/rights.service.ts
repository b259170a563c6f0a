import type { Principal, RequestContext } from '../accounts/index.js';
import { recordDisclosure, type TDisclosureFacts, type TDisclosureSubject } from './disclosures.js';
import { issueDownloadLink, listMyExports, openExportDownload, requestMyExport } from './data-exports.js';
import { eraseMyAccount, readErasure } from './my-erasure.js';
import { completeRequest, denyRequest, eraseForRequest, exportForRequest, extendRequest, listRequests, requestMetrics } from './officer-requests.js';
import { eraseMember, exportMember, listMemberRights } from './org-member-rights.js';
import { myPrivacyDashboard } from './privacy-dashboard.js';
import { setRestriction } from './processing-check.js';
import { replayErasures } from './replay-erasures.js';
import { resumeUnfinishedErasures } from './resume-erasures.js';
import { purgeOldExports } from './purge-exports.js';
import { sendRequestReminders } from './request-reminders.js';
import { requestCorrection, submitRequest, verifyRequest } from './rights-requests.js';
import type { RightsBaseDeps, RightsDeps } from './rights.deps.js';
import { defineErasureJob, defineExportJob, rightsJobs } from './rights.jobs.js';
import type { TSubmitRequest } from './rights.schema.js';
import type { ProcessingKind, RequestStatus } from './rights.tables.js';
import { runErasure, startErasure, type ErasureHooks } from './run-erasure.js';
import type { TActor } from '../audit/index.js';

export type RightsService = ReturnType<typeof createRightsService>;
type Page = { limit: number; offset: number };

/** The data-rights use-cases bound to their dependencies; the app registers and schedules `jobs`. */
export function createRightsService(base: RightsBaseDeps) {
  const erasureJob = defineErasureJob(base);
  // The export job needs the full deps (it issues links), which include the job itself.
  const exportJob = defineExportJob(() => deps);
  const deps: RightsDeps = { ...base, exportJob, erasureJob };
  return {
    exportJob,
    erasureJob,
    jobs: rightsJobs(deps),
    dashboard: (p: Principal) => myPrivacyDashboard(deps, p),
    requestExport: (p: Principal, ctx: RequestContext) => requestMyExport(deps, p, ctx),
    listExports: (p: Principal) => listMyExports(deps, p),
    issueDownloadLink: (p: Principal, id: string, ctx: RequestContext) => issueDownloadLink(deps, p, id, ctx),
    openDownload: (p: Principal, id: string, token: string, ctx: RequestContext) => openExportDownload(deps, p, id, token, ctx),
    eraseMe: (p: Principal, password: string, ctx: RequestContext) => eraseMyAccount(deps, p, password, ctx),
    readErasure: (id: string, token: string) => readErasure(deps, id, token),
    /**
     * Erases an account on the operator's or a privacy officer's decision (CLI, postal requests).
     * With `queue: false` nothing runs until `runErasure` is called (the CLI runs it in-process).
     */
    eraseAccount: (actor: TActor, userId: string, opts: { queue: boolean }) =>
      deps.db.transaction().execute((trx) => startErasure(trx, deps, { userId, origin: 'privacy_officer', actor, requestId: null, queue: opts.queue })),
    /** Runs (or resumes) an erasure in this process; the job calls the same. */
    runErasure: (id: string, hooks?: ErasureHooks) => runErasure(deps, id, hooks),
    replayErasures: (opts?: { ledgerFile?: string }) => replayErasures(deps, opts),
    /** At worker start: erasures a stopped process left unfinished are queued again. */
    resumeUnfinishedErasures: () => resumeUnfinishedErasures(deps),
    restrict: (p: Principal, on: boolean, reason: string | null, ctx: RequestContext) => setRestriction(deps, p, 'all', on, reason, ctx),
    optOut: (p: Principal, kind: ProcessingKind, on: boolean, ctx: RequestContext) => setRestriction(deps, p, kind, on, null, ctx),
    requestCorrection: (p: Principal, input: { jurisdiction?: string | undefined; what: string; correction: string }, ctx: RequestContext) => requestCorrection(deps, p, input, ctx),
    submitRequest: (input: TSubmitRequest, ctx: RequestContext) => submitRequest(deps, input, ctx),
    verifyRequest: (token: string, ctx: RequestContext) => verifyRequest(deps, token, ctx),
    listRequests: (p: Principal, opts: Page & { status?: RequestStatus | 'pending' }, ctx: RequestContext) => listRequests(deps, p, opts, ctx),
    extendRequest: (p: Principal, id: string, reason: string, ctx: RequestContext) => extendRequest(deps, p, id, reason, ctx),
    denyRequest: (p: Principal, id: string, reason: string, ctx: RequestContext) => denyRequest(deps, p, id, reason, ctx),
    completeRequest: (p: Principal, id: string, answer: string, ctx: RequestContext) => completeRequest(deps, p, id, answer, ctx),
    eraseForRequest: (p: Principal, id: string, ctx: RequestContext) => eraseForRequest(deps, p, id, ctx),
    exportForRequest: (p: Principal, id: string, ctx: RequestContext) => exportForRequest(deps, p, id, ctx),
    requestMetrics: () => requestMetrics(deps),
    sendReminders: () => sendRequestReminders(deps),
    purgeOldExports: () => purgeOldExports(deps),
    recordDisclosure: (p: Principal, subject: TDisclosureSubject, input: TDisclosureFacts, ctx: RequestContext) => recordDisclosure(deps, p, subject, input, ctx),
    exportMember: (p: Principal, orgId: string, userId: string, ctx: RequestContext) => exportMember(deps, p, orgId, userId, ctx),
    eraseMember: (p: Principal, orgId: string, userId: string, ctx: RequestContext) => eraseMember(deps, p, orgId, userId, ctx),
    listMemberRights: (p: Principal, orgId: string, ctx: RequestContext) => listMemberRights(deps, p, orgId, ctx),
  };
}
