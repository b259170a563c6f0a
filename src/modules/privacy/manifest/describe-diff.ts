import { describeDuration } from './durations.js';
import type { ListDiff, ManifestDiff } from './diff.js';
import { ANALYTICS_MODE_WORDS, RETENTION_EVENT_WORDS } from './wording.js';

function listSentences<T>(what: string, diff: ListDiff<T>, name: (item: T) => string): string[] {
  return [
    ...diff.added.map((item) => `Added ${what} ${name(item)}.`),
    ...diff.removed.map((item) => `Removed ${what} ${name(item)}.`),
    ...diff.changed.map((c) => `Changed ${what} ${name(c.after)}.`),
  ];
}

/** The diff in plain sentences, for the change notice and the policy's version history. */
export function describeDiff(diff: ManifestDiff): string[] {
  const out = [
    ...listSentences('the data category', diff.categories, (c) => `"${c.id}"`),
    ...listSentences('the purpose', diff.purposes, (p) => `"${p.name}"`),
    ...listSentences('the recipient', diff.recipients, (r) => `"${r.name}"`),
    ...diff.retention.added.map(({ id, rule }) => `Added a retention period for "${id}": ${describeDuration(rule.duration)} ${RETENTION_EVENT_WORDS[rule.starts_on]}.`),
    ...diff.retention.removed.map(({ id }) => `Removed the retention period for "${id}".`),
    ...diff.retention.changed.map(
      ({ id, before, after }) =>
        `Retention of "${id}" changed from ${describeDuration(before.duration)} ${RETENTION_EVENT_WORDS[before.starts_on]} to ${describeDuration(after.duration)} ${RETENTION_EVENT_WORDS[after.starts_on]}.`,
    ),
    ...listSentences('the cookie', diff.cookies, (c) => `"${c.name}"`),
    ...listSentences('the rights section for', diff.jurisdictions, (j) => j.name),
  ];
  if (diff.minimumAge) out.push(`The minimum age changed from ${diff.minimumAge.before} to ${diff.minimumAge.after}.`);
  if (diff.saleAndSharing) out.push('The statements on selling, sharing and the Global Privacy Control changed.');
  if (diff.analyticsMode) out.push(`Visits are now counted ${ANALYTICS_MODE_WORDS[diff.analyticsMode.after]} instead of ${ANALYTICS_MODE_WORDS[diff.analyticsMode.before]}.`);
  for (const section of diff.otherSections) out.push(`The "${section}" section changed.`);
  return out.length > 0 ? out : ['No change.'];
}
