/**
 * Free-mail providers nobody may claim: a claim decides who an organisation controls, and these
 * domains hold millions of unrelated people. Not exhaustive; it stops the costly mistakes.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.com', 'yandex.ru', 'yandex.com', 'mail.ru', 'qq.com', '163.com', '126.com', 'zoho.com',
  'fastmail.com', 'tutanota.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 't-online.de', 'libero.it',
]);

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}
