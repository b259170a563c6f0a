import type { AccountsTables } from './accounts.tables.js';

export type EmailLinkPurpose = AccountsTables['email_tokens']['purpose'];

/** How long each e-mailed link works. The e-mails and the API's answers (for the web app) say it from here. */
export const LINK_LIFETIME_MINUTES: Record<EmailLinkPurpose, number> = { verify_email: 24 * 60, reset_password: 60, change_email: 24 * 60, sign_in: 15 };

/** "24 hours", "1 hour", "90 minutes". */
export function linkLifetimeWords(purpose: EmailLinkPurpose): string {
  const minutes = LINK_LIFETIME_MINUTES[purpose];
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  const hours = minutes / 60;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}
