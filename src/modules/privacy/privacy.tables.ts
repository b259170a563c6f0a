export type ChangeLevel = 'initial' | 'significant' | 'minor';
export type ConsentAnswer = 'accept' | 'decline';

/** What a stored version records about its change from the version before it. */
export type StoredChange = {
  /** The diff in plain sentences (describeDiff). */
  sentences: string[];
  /** Why the change is significant (classifyChange); empty when minor or initial. */
  reasons: string[];
  /** Consent-based purposes that are new or use more data: their consent is asked again. */
  consentPurposes: string[];
};

/** How a person accepted a version: a ticked box, or using the service (the manifest's `acceptance: by_use`). */
export type AcceptanceHow = 'ticked' | 'by_use';

export type PromptPurpose = { id: string; name: string; description: string | null; categories: string[] };

export interface PrivacyTables {
  manifest_versions: {
    id: string;
    version: number;
    yaml: string;
    published_at: Date;
    effective_at: Date;
    published_by: string | null;
    change_level: ChangeLevel;
    summary: string;
    // jsonb: written as JSON text, read back as the object.
    diff: StoredChange | string;
  };
  policy_notices: { user_id: string; version: number; sent_at: Date; acknowledged_at: Date | null };
  consent_prompts: {
    id: string;
    user_id: string;
    version: number;
    purposes: PromptPurpose[] | string;
    created_at: Date;
    answered_at: Date | null;
    answer: ConsentAnswer | null;
  };
  policy_acceptances: {
    id: string;
    user_id: string;
    version: number;
    document_hash: string;
    accepted_at: Date;
    how: AcceptanceHow;
  };
}
