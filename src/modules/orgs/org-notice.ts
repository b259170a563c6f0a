/**
 * The plain-words notice of seed 002 ("Notice to end users"): what an organisation may do with an
 * account that belongs to it. Shown on the account page and repeated in every joining e-mail.
 */
export function orgNotice(orgName: string): string {
  return `Your account belongs to the organisation ${orgName}. Its administrators can control your account — invite, suspend or remove it — and access, export or erase the data in it.`;
}
