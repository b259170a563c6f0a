export const REQUEST_KINDS = ['access', 'rectification', 'erasure', 'portability', 'restriction', 'objection', 'opt_out', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['unverified', 'open', 'in_progress', 'extended', 'completed', 'denied'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** What an officer can do with a request (request-actions.ts says when). */
export const REQUEST_ACTIONS = ['export', 'erase', 'complete', 'extend', 'deny', 'disclose'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export interface RightsRequestsTables {
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

export type RequestRow = RightsRequestsTables['rights_requests'];
