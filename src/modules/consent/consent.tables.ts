import type { Generated } from 'kysely';

export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
/**
 * How a decision was taken: the banner, the cookie settings page, a Global Privacy Control signal, an
 * account page (a consent question after a policy change, the marketing preferences page), the sign-up
 * form's marketing ticks, an unsubscribe link (one click from a mail client, or the page it opens), or
 * the person's organisation admin where the policy grants it.
 */
export const CONSENT_METHODS = ['banner', 'settings', 'gpc', 'account_page', 'sign_up', 'unsubscribe', 'organisation_admin'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface ConsentTables {
  consent_records: {
    id: string;
    /** Write order: the newest decision is the one with the highest seq, even within one clock tick. */
    seq: Generated<string>;
    /** The person, when signed in; else null and `visitor_id` names the anonymous visitor. */
    user_id: string | null;
    /** The anonymous visitor's id, kept in the essential `mv_consent` cookie the manifest declares. */
    visitor_id: string | null;
    /** `cookies:<category>`, `purpose:<purpose id>` or `sale_sharing` (see consent-scopes.ts). */
    scope: string;
    decision: ConsentDecision;
    method: ConsentMethod;
    policy_version: number;
    /** documentHash of the manifest in force when the decision was taken. */
    policy_hash: string;
    /** SHA-256 of the notice text the person was shown (the banner's words and cookie list). */
    notice_hash: string;
    decided_at: Date;
  };
}
