import { randomUUID } from 'node:crypto';
import type { MarketingDeps } from './marketing.deps.js';
import { unsubscribe } from './unsubscribe.js';

/** A token as `unsubscribeToken` writes it: three base64url parts, after the word "unsubscribe". */
const TOKEN = /\bunsubscribe\s+([\w-]+\.[\w-]+\.[\w-]+)/i;

/** The address that takes unsubscribe mails: `unsubscribe@` the domain of the installation's inbound (support) address. */
export function unsubscribeAddressOf(inboundAddress: string): string {
  return `unsubscribe@${inboundAddress.slice(inboundAddress.lastIndexOf('@') + 1).toLowerCase()}`;
}

export function isUnsubscribeAddress(unsubscribeAddress: string, address: string): boolean {
  return address.trim().toLowerCase() === unsubscribeAddress.toLowerCase();
}

/**
 * The List-Unsubscribe mailto: a mail to the unsubscribe address whose subject (or, where a client
 * dropped it, text) carries the signed token unsubscribes its person from its topic and channel, as
 * the one-click POST does. The token is the authority, not the sender's address; a forged, altered or
 * missing token changes nothing (the mail is still taken, so no bounce goes to a forged sender).
 */
export async function unsubscribeByMail(deps: MarketingDeps, raw: Buffer): Promise<{ unsubscribed: boolean }> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true });
  const token = TOKEN.exec(parsed.subject ?? '')?.[1] ?? TOKEN.exec(parsed.text ?? '')?.[1];
  if (!token) return { unsubscribed: false };
  return { unsubscribed: await unsubscribe(deps, token, { requestId: randomUUID() }) };
}
