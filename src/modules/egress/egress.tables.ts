import type { JSONColumnType } from 'kysely';

export const PROCESSING_KINDS = ['analytics', 'marketing', 'integrations', 'profiling'] as const;
/** A non-essential processing path a person can stop: the argument of `assertProcessingAllowed`. */
export type ProcessingKind = (typeof PROCESSING_KINDS)[number];
export type RestrictionScope = 'all' | ProcessingKind;

/** 'mail': a message handed to the installation's mail provider; the others as before the egress module. */
export type DisclosureKind = 'integration' | 'authority' | 'third_party' | 'mail';

export interface EgressTables {
  processing_restrictions: { user_id: string; scope: RestrictionScope; since: Date; reason: string | null };
  disclosures: {
    id: string;
    /** null: the data of someone without an account (an invitation mailed through the provider). */
    subject_id: string | null;
    kind: DisclosureKind;
    recipient: string;
    categories: JSONColumnType<string[], string, string>;
    legal_basis: string;
    /** The manifest purpose it served; null for a disclosure on an explicit legal basis only. */
    purpose: string | null;
    /** The recipient is not in the policy: allowed only for a disclosure the law requires. */
    outside_policy: boolean;
    reference: string | null;
    disclosed_at: Date;
    recorded_by: string | null;
    created_at: Date;
  };
}
