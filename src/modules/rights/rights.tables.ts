import type { JSONColumnType } from 'kysely';

export const PROCESSING_KINDS = ['analytics', 'marketing', 'integrations', 'profiling'] as const;
/** A non-essential processing path a person can stop: the argument of `assertProcessingAllowed`. */
export type ProcessingKind = (typeof PROCESSING_KINDS)[number];
export type RestrictionScope = 'all' | ProcessingKind;

export const REQUEST_KINDS = ['access', 'rectification', 'erasure', 'portability', 'restriction', 'objection', 'opt_out', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['unverified', 'open', 'in_progress', 'extended', 'completed', 'denied'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type ExportStatus = 'queued' | 'building' | 'ready' | 'failed' | 'expired';
export type ErasureOrigin = 'self' | 'org_admin' | 'privacy_officer' | 'replay';
export type ErasureStatus = 'planned' | 'running' | 'completed';

/** Per-table progress of an erasure: a table listed in `done` is never processed again. */
export type ErasureProgress = {
  done: string[];
  counts: Record<string, { deleted: number; updated: number; kept: number }>;
  /** Vault objects whose key is destroyed but whose ciphertext is not yet deleted. */
  pendingObjects: string[];
  certificateSent: boolean;
};

export interface RightsTables {
  processing_restrictions: { user_id: string; scope: RestrictionScope; since: Date; reason: string | null };
  disclosures: {
    id: string;
    subject_id: string;
    kind: 'integration' | 'authority' | 'third_party';
    recipient: string;
    categories: JSONColumnType<string[], string, string>;
    legal_basis: string;
    reference: string | null;
    disclosed_at: Date;
    recorded_by: string | null;
    created_at: Date;
  };
  data_exports: {
    id: string;
    user_id: string;
    requested_by: string | null;
    status: ExportStatus;
    storage_key: string;
    wrapped_key: string | null;
    size_bytes: number | null;
    sha256: string | null;
    link_nonce_hash: string | null;
    link_expires_at: Date | null;
    created_at: Date;
    completed_at: Date | null;
    downloaded_at: Date | null;
    error: string | null;
  };
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
  rights_requests: {
    id: string;
    kind: RequestKind;
    name: string;
    email: string;
    jurisdiction: string;
    details: string | null;
    user_id: string | null;
    agent_name: string | null;
    agent_email: string | null;
    agent_authority: string | null;
    status: RequestStatus;
    verify_token_hash: string | null;
    verify_expires_at: Date | null;
    verified_at: Date | null;
    received_on: string;
    due_on: string;
    extension_reason: string | null;
    extended_at: Date | null;
    answer: string | null;
    answered_at: Date | null;
    handled_by: string | null;
    reminded_for: string | null;
    created_at: Date;
  };
}
