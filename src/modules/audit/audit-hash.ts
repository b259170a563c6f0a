import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

type HashedFields = {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_role: string;
  action: string;
  subject_id: string | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
};

/** Key order must not depend on how a row came back from the database. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEntry(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(hashedBody(row)).digest('hex');
}

/** The text that is hashed after `prevHash` and a newline. */
function hashedBody(row: HashedFields): string {
  // Named field by field: a row read back also carries prev_hash and hash, which are not hashed.
  return canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    action: row.action,
    subject_id: row.subject_id,
    target_type: row.target_type,
    target_id: row.target_id,
    request_id: row.request_id,
    details: row.details,
  });
}

/**
 * The hashed text of an entry whose id the database has not given yet, as the parts before and after
 * the id (an integer, written the same by JSON and by Postgres' ::text): the append statement puts the
 * id between them and hashes in SQL, `sha256(prev_hash || '\n' || before || id || after)`.
 */
export function hashedBodyAroundId(row: Omit<HashedFields, 'id'>): { before: string; after: string } {
  const marker = hashedBody({ ...row, id: 0 });
  const at = marker.indexOf('"id":0');
  if (at < 0) throw new Error('the hashed audit body has no id');
  return { before: marker.slice(0, at + '"id":'.length), after: marker.slice(at + '"id":0'.length) };
}
