import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stripe's webhook signature: the `Stripe-Signature` header is `t=<unix seconds>,v1=<hex>[,v1=…]`, where
 * v1 is HMAC-SHA256 of `${t}.${raw body}` under the endpoint's `whsec_…` secret. An event older (or
 * newer) than the tolerance is refused so a captured one cannot be replayed later.
 */
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'outside_tolerance' };

export const STRIPE_TOLERANCE_SECONDS = 300;

export function signStripePayload(secret: string, payload: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

export function verifyStripeSignature(opts: { secret: string; payload: string; header: string | undefined; now: Date; toleranceSeconds?: number }): SignatureCheck {
  if (!opts.header) return { ok: false, reason: 'malformed' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of opts.header.split(',')) {
    const [key, value] = part.split('=', 2).map((s) => s.trim());
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(createHmac('sha256', opts.secret).update(`${timestamp}.${opts.payload}`, 'utf8').digest('hex'), 'utf8');
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'mismatch' };
  const age = Math.abs(opts.now.getTime() / 1000 - timestamp);
  if (age > (opts.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS)) return { ok: false, reason: 'outside_tolerance' };
  return { ok: true, timestamp };
}
