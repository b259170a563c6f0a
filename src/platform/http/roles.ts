/** The roles an account can have; a plain list (no schema library) so the CLI's help can name them cheaply. */
export const ROLES = ['customer', 'staff', 'privacy_officer', 'admin'] as const;
