import { describeCategory, isCategoryId } from '../privacy/index.js';
import type { TableOutcome } from './erase-table.js';

export type ErasureCertificate = {
  erasureId: string;
  /** When the erasure was asked for and the policy version it followed. */
  requestedAt: string;
  policyVersion: number;
  requestedBy: 'you' | 'your organisation administrator' | 'our privacy officer' | 'a repeat after a backup restore' | 'our retention schedule, at the end of your closed account\'s archive period';
  removed: Array<{ category: string; label: string; rows: number; tables: string[] }>;
  kept: Array<{ category: string; label: string; table: string; rows: number; reason: string; until: string | null }>;
  /** Rows a legal hold keeps until it is released, with the hold's reason (the case, as the officer stated it). */
  held: Array<{ table: string; rows: number; reason: string }>;
  /** Stored objects (files, their previews, attachments, exports) made unreadable, per table: a preview is not counted as a file. */
  objectsShredded: Array<{ table: string; objects: number }>;
  sessionsRevoked: number;
  ledger: string;
};

const labelOf = (category: string) => (isCategoryId(category) ? describeCategory(category).label : category);

export function buildCertificate(input: {
  erasureId: string;
  requestedAt: Date;
  policyVersion: number;
  requestedBy: ErasureCertificate['requestedBy'];
  outcomes: TableOutcome[];
  sessionsTable: string;
}): ErasureCertificate {
  const removed = new Map<string, { rows: number; tables: Set<string> }>();
  for (const outcome of input.outcomes) {
    for (const [category, rows] of Object.entries(outcome.removed)) {
      const item = removed.get(category) ?? { rows: 0, tables: new Set<string>() };
      item.rows += rows;
      item.tables.add(outcome.table);
      removed.set(category, item);
    }
  }
  return {
    erasureId: input.erasureId,
    requestedAt: input.requestedAt.toISOString(),
    policyVersion: input.policyVersion,
    requestedBy: input.requestedBy,
    removed: [...removed]
      .map(([category, v]) => ({ category, label: labelOf(category), rows: v.rows, tables: [...v.tables].sort() }))
      .sort((a, b) => a.category.localeCompare(b.category)),
    kept: input.outcomes
      .flatMap((o) => o.keptItems)
      .map((k) => ({ category: k.category, label: labelOf(k.category), table: k.table, rows: k.rows, reason: k.reason, until: k.until }))
      .sort((a, b) => a.table.localeCompare(b.table) || a.category.localeCompare(b.category)),
    held: input.outcomes
      .flatMap((o) => o.held)
      .map((h) => ({ table: h.table, rows: h.rows, reason: h.reason }))
      .sort((a, b) => a.table.localeCompare(b.table) || a.reason.localeCompare(b.reason)),
    objectsShredded: objectsPerTable(input.outcomes),
    sessionsRevoked: input.outcomes.find((o) => o.table === input.sessionsTable)?.deleted ?? 0,
    ledger: 'Only a keyed hash of your account id and e-mail address is kept, so that we erase you again if an older backup is ever restored.',
  };
}

/**
 * Each stored object counted once, under the last table that named it: an upload and the file it
 * became share one object (the upload's table is erased first), and a preview is an object of its own.
 */
function objectsPerTable(outcomes: TableOutcome[]): ErasureCertificate['objectsShredded'] {
  const seen = new Set<string>();
  const out: ErasureCertificate['objectsShredded'] = [];
  for (const outcome of [...outcomes].reverse()) {
    const fresh = outcome.objects.filter((o) => !seen.has(o) && seen.add(o));
    if (fresh.length) out.push({ table: outcome.table, objects: fresh.length });
  }
  return out.sort((a, b) => a.table.localeCompare(b.table));
}

/** The certificate in words, for the e-mail and the page. Names no one: it is kept after the erasure. */
export function certificateText(c: ErasureCertificate): string {
  const lines = [
    'Erasure certificate',
    '',
    `Reference: ${c.erasureId}`,
    `Asked for by ${c.requestedBy} on ${c.requestedAt.slice(0, 10)}, under version ${c.policyVersion} of our privacy policy.`,
    '',
    'What we removed:',
    ...(c.removed.length ? c.removed.map((r) => `  - ${r.label} (${r.category}): ${r.rows} record${r.rows === 1 ? '' : 's'}`) : ['  - nothing was left to remove']),
    ...c.objectsShredded.map((o) => `  - ${o.objects} stored object${o.objects === 1 ? '' : 's'} in ${o.table} made unreadable by destroying their encryption keys`),
    `  - ${c.sessionsRevoked} sign-in session${c.sessionsRevoked === 1 ? '' : 's'} ended`,
    '',
    'What we keep, why, and until when:',
    ...(c.kept.length
      ? c.kept.map((k) => `  - ${k.label} (${k.category}), ${k.rows} record${k.rows === 1 ? '' : 's'} in ${k.table}: ${k.reason}; ${k.until ? `deleted by ${k.until}` : 'for as long as that duty lasts'}`)
      : ['  - nothing']),
    ...(c.held.length
      ? ['', 'What a legal hold keeps until it is released (then it is erased too):', ...c.held.map((h) => `  - ${h.rows} record${h.rows === 1 ? '' : 's'} in ${h.table}: ${h.reason}`)]
      : []),
    '',
    c.ledger,
  ];
  return lines.join('\n');
}
