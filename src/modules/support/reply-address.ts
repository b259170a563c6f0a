import { randomBytes } from 'node:crypto';

/** A ticket's token: 20 random bytes in lower-case base32, safe in an e-mail local part and unguessable. */
export function createTicketToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(20)].map((b) => alphabet[b & 31]).join('');
}

function split(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}

/** support@example.com + token -> support+token@example.com: replies to it thread into the ticket. */
export function replyAddressOf(supportAddress: string, token: string): string {
  const { local, domain } = split(supportAddress);
  return `${local}+${token}@${domain}`;
}

/** The token of a reply address of ours, or null for any other address (the bare support address included). */
export function tokenOfAddress(supportAddress: string, address: string): string | null {
  const ours = split(supportAddress);
  const given = split(address.trim());
  if (given.domain !== ours.domain || !given.local.startsWith(`${ours.local}+`)) return null;
  const token = given.local.slice(ours.local.length + 1);
  return /^[a-z2-7]{20,64}$/.test(token) ? token : null;
}

/** Whether an address is the support address or one of its reply addresses (what the SMTP listener accepts). */
export function isSupportAddress(supportAddress: string, address: string): boolean {
  const ours = split(supportAddress);
  const given = split(address.trim());
  return given.domain === ours.domain && (given.local === ours.local || given.local.startsWith(`${ours.local}+`));
}

/** The Message-ID our reply carries, so a mail client's In-Reply-To threads even without the reply address. */
export function messageIdFor(messageId: string, supportAddress: string): string {
  return `<${messageId}@${split(supportAddress).domain}>`;
}
