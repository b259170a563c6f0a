/**
 * Per-file data keys and their wrapping by a master key (AES-256-GCM key wrap).
 *
 * A wrapped key is a short string, stored beside the file's row in the database:
 *   "mvk1.<master key id>.<base64url(nonce 12 | wrapped key 32 | tag 16)>"
 * The master key id is bound into the AAD, so relabelling a wrapped key fails to unwrap rather than
 * silently picking another key. The wrapped key never goes into the ciphertext object: destroying the
 * database row is what erases the file (crypto-shredding), and rotation re-wraps it without touching
 * the ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/index.js';
import { DATA_KEY_SIZE } from './chunk-format.js';
import type { MasterKey, MasterKeyRing } from './master-keys.js';

const FORMAT = 'mvk1';
const NONCE_SIZE = 12;
const WRAPPED_PATTERN = /^mvk1\.([0-9a-f]{16})\.([A-Za-z0-9_-]{80})$/;

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_SIZE);
}

export function wrapDataKey(dataKey: Uint8Array, masterKey: MasterKey): string {
  if (dataKey.byteLength !== DATA_KEY_SIZE) {
    throw new AppError('bad_request', `A vault data key must be ${DATA_KEY_SIZE} bytes.`);
  }
  const nonce = randomBytes(NONCE_SIZE);
  const cipher = createCipheriv('aes-256-gcm', masterKey.key, nonce);
  cipher.setAAD(Buffer.from(`${FORMAT}.${masterKey.id}`, 'ascii'));
  const wrapped = Buffer.concat([nonce, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT}.${masterKey.id}.${wrapped.toString('base64url')}`;
}

/** Which master key a wrapped key needs (lets a rotation skip keys already under the new master key). */
export function wrappedKeyMasterId(wrappedKey: string): string {
  return parseWrappedKey(wrappedKey).masterKeyId;
}

export function unwrapDataKey(wrappedKey: string, masterKeys: MasterKeyRing): Buffer {
  const { masterKeyId, bytes } = parseWrappedKey(wrappedKey);
  const masterKey = masterKeys.find(masterKeyId);
  if (masterKey === undefined) {
    throw new AppError(
      'unavailable',
      `This file's key is wrapped by master key ${masterKeyId}, which this installation does not have; configure that key (it may have been retired too early).`,
      { masterKeyId },
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', masterKey.key, bytes.subarray(0, NONCE_SIZE));
  decipher.setAAD(Buffer.from(`${FORMAT}.${masterKeyId}`, 'ascii'));
  decipher.setAuthTag(bytes.subarray(NONCE_SIZE + DATA_KEY_SIZE));
  const dataKey = decipher.update(bytes.subarray(NONCE_SIZE, NONCE_SIZE + DATA_KEY_SIZE));
  try {
    decipher.final();
  } catch {
    dataKey.fill(0);
    throw new AppError('unprocessable', "This file's wrapped key failed its integrity check; it was altered.", {
      masterKeyId,
    });
  }
  return dataKey;
}

/**
 * Key rotation for one file: unwraps with whichever master key wrapped it and wraps again under
 * `target` (the primary by default). The ciphertext is not touched. Returns the same string when the key
 * is already under `target`, so an interrupted rotation can simply be run again.
 */
export function rewrapDataKey(wrappedKey: string, masterKeys: MasterKeyRing, target = masterKeys.primary): string {
  if (wrappedKeyMasterId(wrappedKey) === target.id) return wrappedKey;
  const dataKey = unwrapDataKey(wrappedKey, masterKeys);
  try {
    return wrapDataKey(dataKey, target);
  } finally {
    dataKey.fill(0);
  }
}

function parseWrappedKey(wrappedKey: string): { masterKeyId: string; bytes: Buffer } {
  const match = WRAPPED_PATTERN.exec(wrappedKey);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new AppError('unprocessable', 'This is not a Meshvault wrapped file key (expected "mvk1.<key id>.<data>").');
  }
  return { masterKeyId: match[1], bytes: Buffer.from(match[2], 'base64url') };
}
