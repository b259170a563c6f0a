import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MasterKey, MasterKeyRing } from './master-keys.js';

/**
 * Keys for signed links, derived from the master keys (one per purpose), so links need no secret of
 * their own and stop working when the master key they were signed under is retired.
 */
function derive(master: MasterKey, purpose: string): Buffer {
  return createHmac('sha256', master.key).update(`meshvault signed link: ${purpose}`).digest();
}

export function signLink(ring: MasterKeyRing, purpose: string, message: string): string {
  return createHmac('sha256', derive(ring.primary, purpose)).update(message).digest('base64url');
}

/** True when `signature` signs `message` under any key of the ring (links outlive a rotation). */
export function verifyLink(ring: MasterKeyRing, purpose: string, message: string, signature: string): boolean {
  // Compared as text: base64 decoding ignores the last character's spare bits, so two spellings would pass.
  const given = Buffer.from(signature);
  for (const key of ring.keys) {
    const expected = Buffer.from(createHmac('sha256', derive(key, purpose)).update(message).digest('base64url'));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}
