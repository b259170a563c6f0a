/**
 * The roles an account can have; a plain list (no schema library) so the CLI's help can name them cheaply.
 * `marketing`: staff who write and send campaigns (and nothing else of staff's).
 */
export const ROLES = ['customer', 'staff', 'privacy_officer', 'admin', 'marketing'] as const;
