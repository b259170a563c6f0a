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
  // Named field by field: a row read back also carries prev_hash and hash, which are not hashed.
  const body = canonicalJson({
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
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
