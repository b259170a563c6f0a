import type { JSONColumnType } from 'kysely';

/** `retention`: a closed account whose archive period (the manifest's `account_closed` rule) ended. */
export type ErasureOrigin = 'self' | 'org_admin' | 'privacy_officer' | 'replay' | 'retention';
export type ErasureStatus = 'planned' | 'running' | 'completed';

/** Per-table progress of an erasure: a table listed in `done` is never processed again. */
export type ErasureProgress = {
  done: string[];
  counts: Record<string, { deleted: number; updated: number; kept: number }>;
  /** Vault objects whose key is destroyed but whose ciphertext is not yet deleted. */
  pendingObjects: string[];
  certificateSent: boolean;
  /** The legal holds that kept some of the person's rows: releasing one queues the erasure again. */
  heldBy?: string[];
};

export interface ErasureTables {
  erasures: {
    id: string;
    user_id: string | null;
    requested_by_role: string;
    origin: ErasureOrigin;
    status: ErasureStatus;
    progress: JSONColumnType<ErasureProgress, string, string>;
    certificate: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
    certificate_text: string | null;
    certificate_token_hash: string | null;
    policy_version: number | null;
    created_at: Date;
    completed_at: Date | null;
  };
  erasure_ledger: { id: string; key_id: string; user_hash: string; email_hash: string; erased_at: Date };
}
