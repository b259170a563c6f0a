import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/index.js';
import { findCardNumbers, maskCardNumbers, passesLuhn, signStripePayload, verifyStripeSignature } from './index.js';

describe('card numbers', () => {
  it('finds Luhn-valid runs of 13 to 19 digits, grouped by spaces or dashes, and nothing else', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(findCardNumbers('card 4242 4242 4242 4242 exp 12/30')).toEqual(['4242 4242 4242 4242']);
    expect(findCardNumbers('amex 3782-822463-10005')).toEqual(['3782-822463-10005']);
    expect(findCardNumbers('6011111111111117')).toEqual(['6011111111111117']);
    expect(findCardNumbers('4242 4242 4242 4241')).toEqual([]); // Luhn fails
    expect(findCardNumbers('order 424242424242')).toEqual([]); // 12 digits
    expect(findCardNumbers('call +44 20 7946 0958 or 2026-12-04')).toEqual([]);
    expect(maskCardNumbers('pay with 5555555555554444 please')).toBe('pay with [card number removed] please');
    // Digits inside identifiers are not card numbers: UUID segments, hex digests.
    const luhnValid = '4242424242424242';
    expect(findCardNumbers(`42424242-4242-4242-8242-424242424242`)).toEqual([]);
    expect(findCardNumbers(`ab${luhnValid}`)).toEqual([]);
    expect(findCardNumbers(`${luhnValid}f00d`)).toEqual([]);
    expect(findCardNumbers(`x-${luhnValid}`)).toEqual([]);
    expect(findCardNumbers(`(${luhnValid})`)).toEqual([luhnValid]);
  });

  it('never reach the log, in a message or a field', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, cb) => (lines.push(chunk.toString()), cb()) });
    const log = createLogger('info', sink);
    log.info({ note: 'card 4111 1111 1111 1111', nested: { list: ['4012888888881881'] } }, 'customer wrote 4242424242424242');
    expect(lines.join('')).not.toMatch(/4111 1111|4012888888881881|4242424242424242/);
    expect(lines.join('')).toContain('[card number removed]');
  });
});

describe('Stripe webhook signatures', () => {
  const secret = 'whsec_test';
  const payload = '{"id":"evt_1","type":"checkout.session.completed"}';
  const now = new Date('2026-12-04T12:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('accepts the signature Stripe computes, within the tolerance', () => {
    expect(verifyStripeSignature({ secret, payload, header: signStripePayload(secret, payload, t), now })).toEqual({ ok: true, timestamp: t });
    expect(verifyStripeSignature({ secret, payload, header: `${signStripePayload(secret, payload, t - 299)},v1=${'0'.repeat(64)}`, now }).ok).toBe(true);
  });

  it('refuses another secret, another body, an old or future time, and a malformed header', () => {
    expect(verifyStripeSignature({ secret, payload, header: signStripePayload('whsec_other', payload, t), now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyStripeSignature({ secret, payload: `${payload} `, header: signStripePayload(secret, payload, t), now })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyStripeSignature({ secret, payload, header: signStripePayload(secret, payload, t - 301), now })).toEqual({ ok: false, reason: 'outside_tolerance' });
    expect(verifyStripeSignature({ secret, payload, header: signStripePayload(secret, payload, t + 301), now })).toEqual({ ok: false, reason: 'outside_tolerance' });
    expect(verifyStripeSignature({ secret, payload, header: 'v1=abc', now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStripeSignature({ secret, payload, header: undefined, now })).toEqual({ ok: false, reason: 'malformed' });
  });
});
