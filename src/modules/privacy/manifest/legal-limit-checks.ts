import { addDurations, compareDurations, describeDuration, isZeroDuration, type Duration } from './durations.js';
import { isLawId, LAW_DEADLINES, lawsNamedById, type LawDeadline, type LawId } from './law-deadlines.js';
import { asRecord, label, rawDuration, strings, type Entry, type SemanticIssue } from './raw-entries.js';

/*
 * Rules that compare what the manifest promises with what a law requires: a request deadline
 * longer than the law of its jurisdiction allows, and a retention shorter than a legal minimum
 * the manifest itself cites.
 */

function lawsOf(jurisdiction: Entry): { laws: LawId[]; note: string } {
  const listed = jurisdiction.value['laws'];
  if (Array.isArray(listed)) return { laws: [...new Set(strings(listed).map((s) => s.value).filter(isLawId))], note: '' };
  const id = jurisdiction.value['id'];
  return { laws: typeof id === 'string' ? lawsNamedById(id) : [], note: '; the law is read from the jurisdiction\'s id: list its laws under laws to say otherwise' };
}

function allowed(law: LawDeadline): string {
  const extension = law.extension === 'no fixed limit' ? undefined : law.extension;
  const words = describeDuration(law.base, { style: 'deadline', extension });
  return law.extension === 'no fixed limit' ? `${words}, extendable when necessary` : words;
}

function deadlineIssues(jurisdiction: Entry, lawId: LawId, note: string, base: Duration, extension: Duration | undefined): SemanticIssue[] {
  const law: LawDeadline = LAW_DEADLINES[lawId];
  const who = label(jurisdiction, 'id', 'jurisdiction');
  const limit = `the limit under ${law.name} is ${allowed(law)} (${law.source})${note}`;
  const at = ['rights', 'jurisdictions', jurisdiction.index, 'deadline'];
  if (compareDurations(base, law.base) > 0) {
    return [{ path: [...at, 'base'], message: `${who} promises an answer within ${describeDuration(base, { style: 'deadline' })}, but ${limit}` }];
  }
  if (!extension || isZeroDuration(extension) || law.extension === 'no fixed limit') return [];
  const stated = describeDuration(base, { style: 'deadline', extension });
  if (law.extension === undefined) {
    return [{ path: [...at, 'extension'], message: `${who} may extend its deadline (${stated}), but ${law.name} allows no extension (${law.source})${note}` }];
  }
  const total = addDurations(base, extension);
  if (compareDurations(total, addDurations(law.base, law.extension)) > 0) {
    return [{ path: [...at, 'extension'], message: `${who} may take ${describeDuration(total, { style: 'deadline' })} in all (${stated}), but ${limit}` }];
  }
  return [];
}

/** A deadline longer than the law of its jurisdiction allows is an error; an extension with no reason a warning. */
export function checkRequestDeadlines(jurisdictions: Entry[]): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const jurisdiction of jurisdictions) {
    const deadline = asRecord(jurisdiction.value['deadline']);
    const base = rawDuration(deadline?.['base']);
    if (!deadline || !base) continue;
    const extension = rawDuration(deadline['extension']);
    const { laws, note } = lawsOf(jurisdiction);
    for (const law of laws) issues.push(...deadlineIssues(jurisdiction, law, note, base, extension));
    if (extension && !isZeroDuration(extension) && deadline['extension_reason'] === undefined) {
      issues.push({
        path: ['rights', 'jurisdictions', jurisdiction.index, 'deadline', 'extension'],
        message: `${label(jurisdiction, 'id', 'jurisdiction')} may extend its deadline but gives no extension_reason; the policy will say "when requests are complex or numerous"`,
        warning: true,
      });
    }
  }
  return issues;
}

/** A retention shorter than the legal minimum the same rule cites would break that law. */
export function checkLegalMinimums(retention: Entry[]): SemanticIssue[] {
  return retention.flatMap((rule): SemanticIssue[] => {
    const minimum = asRecord(rule.value['legal_minimum']);
    const required = rawDuration(minimum?.['duration']);
    const duration = rawDuration(rule.value['duration']);
    if (!required || !duration || compareDurations(duration, required) >= 0) return [];
    const law = typeof minimum?.['law'] === 'string' ? minimum['law'] : 'the law it cites';
    return [{
      path: ['retention', rule.index, 'duration'],
      message: `retention rule ${rule.index + 1} keeps the data ${describeDuration(duration)}, shorter than the ${describeDuration(required)} ${law} requires (its legal_minimum): lengthen the duration or correct legal_minimum`,
    }];
  });
}
