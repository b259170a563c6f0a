import { createHmac } from 'node:crypto';
import type { MasterKey, MasterKeyRing } from '../../platform/crypto/index.js';

/**
 * The machine identifier the app sends is stored as a keyed hash: equal identifiers still match, but a
 * copy of the database does not reveal (or let anyone test guesses of) the device ids. The key is
 * derived from a master key; every key of the ring is tried on lookup, so a rotation loses no machine.
 */
function fingerprintKey(master: MasterKey): Buffer {
  return createHmac('sha256', master.key).update('meshvault licensing: machine fingerprint').digest();
}

function hashWith(master: MasterKey, fingerprint: string): string {
  return createHmac('sha256', fingerprintKey(master)).update(fingerprint).digest('base64url');
}

/** What a new machine's fingerprint is stored as. */
export function fingerprintHash(ring: MasterKeyRing, fingerprint: string): string {
  return hashWith(ring.primary, fingerprint);
}

/** Every form a stored fingerprint may have, one per master key in the ring. */
export function fingerprintCandidates(ring: MasterKeyRing, fingerprint: string): string[] {
  return ring.keys.map((k) => hashWith(k, fingerprint));
}

/** How a new machine's identifier is stored: as sent only where the manifest declares the raw id. */
export function storedIdentifier(ring: MasterKeyRing, fingerprint: string, raw: boolean): { fingerprint: string | null; device_id: string | null } {
  return raw ? { fingerprint: null, device_id: fingerprint } : { fingerprint: fingerprintHash(ring, fingerprint), device_id: null };
}

/**
 * Whether a stored machine is the one whose identifier the app sent, in either stored form (a
 * manifest may change between activations: a machine stored one way still validates).
 */
export function fingerprintMatcher(ring: MasterKeyRing, fingerprint: string): (machine: { fingerprint: string | null; device_id: string | null }) => boolean {
  const hashes = new Set(fingerprintCandidates(ring, fingerprint));
  return (m) => (m.device_id !== null ? m.device_id === fingerprint : m.fingerprint !== null && hashes.has(m.fingerprint));
}
