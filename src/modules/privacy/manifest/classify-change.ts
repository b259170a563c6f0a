import { addDurations, compareDurations, describeDuration } from './durations.js';
import type { ManifestDiff } from './diff.js';
import type { TDeadline, TPurpose } from './schema.js';
import { ANALYTICS_MODE_WORDS } from './wording.js';

export interface ChangeClassification {
  readonly level: 'significant' | 'minor';
  /** Why it is significant, in plain words; empty when minor. */
  readonly reasons: string[];
  /** Consent-based purposes that are new or use more data: their consent must be asked again. */
  readonly consentPurposes: string[];
}

function widened(before: TPurpose, after: TPurpose): string[] {
  const old = new Set<string>(before.categories);
  return after.categories.filter((c) => !old.has(c));
}

function longestDeadline(deadline: TDeadline) {
  return deadline.extension ? addDurations(deadline.base, deadline.extension) : deadline.base;
}

/**
 * A change is significant when people would reasonably want to know before it applies: more data,
 * new uses, new recipients, longer keeping, younger users, selling or sharing, fewer rights or slower
 * answers, a different way of counting visits (cookieless totals or per consenting visitor: the
 * banner and the analytics purposes' consent are asked again). Everything else (removals, shorter
 * periods, wording) is minor.
 */
export function classifyChange(diff: ManifestDiff): ChangeClassification {
  const reasons: string[] = [];
  const consent = new Set<string>();
  for (const c of diff.categories.added) reasons.push(`collects a new category of data: ${c.id}`);
  for (const p of diff.purposes.added) {
    reasons.push(`adds the purpose "${p.name}"`);
    if (p.legal_basis === 'consent') consent.add(p.id);
  }
  for (const { id, before, after } of diff.purposes.changed) {
    const more = widened(before, after);
    if (more.length > 0) reasons.push(`the purpose "${after.name}" now also uses ${more.join(', ')}`);
    if (before.legal_basis !== after.legal_basis) reasons.push(`the purpose "${after.name}" now rests on ${after.legal_basis} instead of ${before.legal_basis}`);
    if (after.legal_basis === 'consent' && (more.length > 0 || before.legal_basis !== 'consent')) consent.add(id);
  }
  for (const r of diff.recipients.added) reasons.push(`shares data with a new recipient: ${r.name}`);
  for (const { before, after } of diff.recipients.changed) {
    const old = new Set<string>(before.categories);
    const more = after.categories.filter((c) => !old.has(c));
    if (more.length > 0) reasons.push(`${after.name} now also receives ${more.join(', ')}`);
    if (before.country !== after.country) reasons.push(`${after.name} now processes data in ${after.country} instead of ${before.country}`);
  }
  for (const change of diff.retention.changed) {
    if (change.lengthened) reasons.push(`keeps ${change.id} longer: ${describeDuration(change.after.duration)} instead of ${describeDuration(change.before.duration)}`);
    if (change.before.starts_on !== change.after.starts_on) reasons.push(`counts the retention of ${change.id} from ${change.after.starts_on} instead of ${change.before.starts_on}`);
  }
  if (diff.minimumAge && diff.minimumAge.after < diff.minimumAge.before) reasons.push(`lowers the minimum age from ${diff.minimumAge.before} to ${diff.minimumAge.after}`);
  if (diff.saleAndSharing) {
    const { before, after } = diff.saleAndSharing;
    if (after.sells_personal_data && !before.sells_personal_data) reasons.push('starts selling personal data');
    if (after.shares_for_cross_context_advertising && !before.shares_for_cross_context_advertising) reasons.push('starts sharing personal data for cross-context advertising');
    if (before.honours_gpc && !after.honours_gpc) reasons.push('stops honouring the Global Privacy Control signal');
  }
  if (diff.analyticsMode) {
    const { before, after, consentPurposes } = diff.analyticsMode;
    reasons.push(`counts visits ${ANALYTICS_MODE_WORDS[after]} instead of ${ANALYTICS_MODE_WORDS[before]}`);
    for (const id of consentPurposes) consent.add(id);
  }
  for (const j of diff.jurisdictions.removed) reasons.push(`no longer describes rights for ${j.name}`);
  for (const { before, after } of diff.jurisdictions.changed) {
    const kept = new Set<string>(after.rights);
    const lost = before.rights.filter((r) => !kept.has(r));
    if (lost.length > 0) reasons.push(`removes rights for ${after.name}: ${lost.join(', ')}`);
    if (compareDurations(longestDeadline(after.deadline), longestDeadline(before.deadline)) > 0 || compareDurations(after.deadline.base, before.deadline.base) > 0) {
      reasons.push(`answers requests from ${after.name} more slowly`);
    }
  }
  return { level: reasons.length > 0 ? 'significant' : 'minor', reasons, consentPurposes: [...consent] };
}
