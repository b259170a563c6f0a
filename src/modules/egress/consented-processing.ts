import type { Work } from '../../platform/unit-of-work/index.js';
import type { ConsentSubject } from '../consent/index.js';
import { consentVerdict } from './consent-rules.js';
import type { EgressDeps } from './egress.deps.js';
import { egressErrors } from './egress.errors.js';
import type { ProcessingKind } from './egress.tables.js';
import { isProcessingAllowed as restrictionAllows } from './processing-check.js';

/** A person (their account id) or an anonymous visitor of the banner. */
export type ProcessingSubject = string | ConsentSubject;

const subjectOf = (s: ProcessingSubject): ConsentSubject => (typeof s === 'string' ? { userId: s, visitorId: null } : s);

/**
 * THE shared check of every non-essential processing path, bound with the policy
 * (`app.services.egress.assertProcessingAllowed(work, subject, kind)`, or `deps.egress` in a module):
 * the person's restriction and opt-outs, then their consent records where the policy in force
 * bases this kind on consent (analytics, targeted advertising and personalisation), and a Global
 * Privacy Control opt-out. Inside the work that processes, so a withdrawal written meanwhile stops it.
 */
export async function assertProcessingAllowed(deps: EgressDeps, work: Work, subject: ProcessingSubject, kind: ProcessingKind): Promise<void> {
  const who = subjectOf(subject);
  if (who.userId && !(await restrictionAllows(work, who.userId, kind))) throw egressErrors.processingRestricted(kind);
  const { manifest } = await deps.policy.inWork(work);
  const verdict = await consentVerdict(work, manifest, who, kind);
  if (verdict === 'consent_missing') throw egressErrors.kindNeedsConsent(kind);
  if (verdict === 'opted_out') throw egressErrors.optedOutOfSaleAndSharing();
}

/** The same check as a yes/no, for paths that skip a subject rather than fail. */
export async function isProcessingAllowed(deps: EgressDeps, work: Work, subject: ProcessingSubject, kind: ProcessingKind): Promise<boolean> {
  const who = subjectOf(subject);
  if (who.userId && !(await restrictionAllows(work, who.userId, kind))) return false;
  const { manifest } = await deps.policy.inWork(work);
  return (await consentVerdict(work, manifest, who, kind)) === 'allowed';
}
