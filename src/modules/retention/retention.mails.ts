import { mailTemplate } from '../../platform/mail/index.js';

export type KeptAfterClosure = { category: string; label: string; rule: string; until: string | null };

/** The e-mail telling a person who closed their account what is kept, until when. */
export const retentionMails = {
  closed: mailTemplate('accounts.closed', (name: string, at: Date, kept: KeptAfterClosure[]) => ({
    subject: 'Your account is closed',
    greeting: `Hello${name ? ` ${name}` : ''},`,
    blocks: [
      `Your Meshvault account was closed on ${at.toISOString().slice(0, 10)}. You were signed out everywhere and can no longer sign in.\nAs our privacy policy states, we keep the following in an archive, each until the date shown, then erase it:`,
      kept.map((k) => `- ${k.label}: ${k.until ? `until ${k.until}` : 'no date yet'} (${k.rule})`).join('\n'),
      "At the end of your account's archive period it is erased as if you had asked for it, and you receive the erasure certificate. If you want it erased sooner, ask us through our privacy contact.",
    ],
  })),
};
