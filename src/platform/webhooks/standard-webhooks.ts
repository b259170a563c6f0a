import { createHmac, randomBytes } from 'node:crypto';

/** How a Standard Webhooks signing secret is shown: `whsec_` and the key in base64. */
export const SECRET_PREFIX = 'whsec_';

/** A new endpoint's signing secret: 32 random bytes (the spec asks for at least 24). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the secret's key (Standard Webhooks,
 * symmetric scheme). `timestamp` is in whole seconds since the epoch.
 */
export function signWebhook(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one attempt: its id stays the same over retries, its timestamp is the attempt's. */
export function webhookHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, messageId, timestamp, body),
  };
}
