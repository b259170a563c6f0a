/**
 * The installation's master keys: 32-byte AES keys that wrap every file's data key. Several can be in
 * use at once during a rotation: the primary wraps new data keys, the others only unwrap old ones.
 *
 * A key's id is derived from the key itself (a keyed hash, so it reveals nothing about the key), so the
 * operator never has to name keys and a wrapped data key can say which master key opens it.
 */
import { createHmac } from 'node:crypto';
import { AppError } from '../errors/index.js';

export const MASTER_KEY_SIZE = 32;

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface MasterKeyRing {
  /** Wraps new data keys. */
  readonly primary: MasterKey;
  /** Every key, primary first. */
  readonly keys: readonly MasterKey[];
  find(id: string): MasterKey | undefined;
}

export function masterKeyId(key: Uint8Array): string {
  return createHmac('sha256', key).update('meshvault master key id v1').digest('hex').slice(0, 16);
}

/** Strict: exactly 32 bytes in standard or URL-safe base64, so a typo is an error, not a different key. */
export function parseMasterKey(base64: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    throw new AppError(
      'bad_request',
      'A master key must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`.',
    );
  }
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_SIZE) {
    throw new AppError('bad_request', 'A master key must decode to exactly 32 bytes.');
  }
  return key;
}

/** The first key is the primary. Duplicates are dropped. */
export function createMasterKeyRing(keys: readonly Uint8Array[]): MasterKeyRing {
  const ring: MasterKey[] = [];
  for (const key of keys) {
    if (key.byteLength !== MASTER_KEY_SIZE) {
      throw new AppError('bad_request', `A master key must be exactly ${MASTER_KEY_SIZE} bytes.`);
    }
    const id = masterKeyId(key);
    if (!ring.some((existing) => existing.id === id)) ring.push({ id, key: Buffer.from(key) });
  }
  const primary = ring[0];
  if (primary === undefined) throw new AppError('bad_request', 'At least one master key is needed.');
  const byId = new Map(ring.map((entry) => [entry.id, entry]));
  return { primary, keys: ring, find: (id) => byId.get(id) };
}
