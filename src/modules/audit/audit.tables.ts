import type { Generated, JSONColumnType } from 'kysely';

export interface AuditTables {
  audit_log: {
    id: Generated<number>;
    at: Date;
    actor_id: string | null;
    actor_role: string;
    action: string;
    subject_id: string | null;
    target_type: string | null;
    target_id: string | null;
    request_id: string | null;
    details: JSONColumnType<Record<string, unknown>, string, string>;
    prev_hash: string;
    hash: string;
  };
  /** `prev_hash`: the head's hash before its newest entry (set by the one-statement append). */
  audit_head: { id: number; last_id: number; last_hash: string; prev_hash: string | null };
  /** Where the chain starts after a prune: the last pruned entry's id and hash. */
  audit_anchor: { id: number; pruned_through_id: number; anchor_hash: string; pruned_rows: number; pruned_at: Date };
}
