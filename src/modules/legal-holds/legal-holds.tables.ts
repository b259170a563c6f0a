export type HoldScope = 'person' | 'project' | 'organisation';

export interface LegalHoldsTables {
  legal_holds: {
    id: string;
    /** The case: why the data must be kept (a claim, an investigation, a court order). */
    reason: string;
    scope: HoldScope;
    /** The person's, project's or organisation's id. */
    scope_id: string;
    opened_by: string | null;
    opened_at: Date;
    /** The hold ends by itself on this day (exclusive), if set. */
    ends_on: Date | null;
    released_by: string | null;
    released_at: Date | null;
  };
}
