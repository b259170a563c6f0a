import type { JSONColumnType } from 'kysely';

export const PROCESSING_KINDS = ['analytics', 'marketing', 'integrations', 'profiling'] as const;
/** A non-essential processing path a person can stop: the argument of `assertProcessingAllowed`. */
export type ProcessingKind = (typeof PROCESSING_KINDS)[number];
export type RestrictionScope = 'all' | ProcessingKind;

export type DisclosureKind = 'integration' | 'authority' | 'third_party';

export interface RightsTables {
  processing_restrictions: { user_id: string; scope: RestrictionScope; since: Date; reason: string | null };
  disclosures: {
    id: string;
    subject_id: string;
    kind: DisclosureKind;
    recipient: string;
    categories: JSONColumnType<string[], string, string>;
    legal_basis: string;
    reference: string | null;
    disclosed_at: Date;
    recorded_by: string | null;
    created_at: Date;
  };
}
