import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/index.js';
import { generateDataKey, unwrapDataKey, wrapDataKey, wrappedKeyMasterId } from './data-key.js';
import type { MasterKeyRing } from './master-keys.js';

/**
 * Small secrets kept in the database (a connector's API key): sealed like a file, under a fresh data
 * key wrapped by the primary master key, so a stolen database alone reveals nothing.
 *   "mvs1.<wrapped data key>.<base64url(nonce 12 | ciphertext | tag 16)>"
 * The wrapped key is bound into the AAD, so a sealed value cannot be spliced onto another key.
 */
const FORMAT = 'mvs1';
const NONCE_SIZE = 12;
const TAG_SIZE = 16;
const SEALED_PATTERN = /^mvs1\.(mvk1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{80})\.([A-Za-z0-9_-]+)$/;

export function sealSecret(plaintext: string, masterKeys: MasterKeyRing): string {
  const dataKey = generateDataKey();
  try {
    const wrapped = wrapDataKey(dataKey, masterKeys.primary);
    const nonce = randomBytes(NONCE_SIZE);
    const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
    cipher.setAAD(Buffer.from(`${FORMAT}.${wrapped}`, 'ascii'));
    const sealed = Buffer.concat([nonce, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}.${wrapped}.${sealed.toString('base64url')}`;
  } finally {
    dataKey.fill(0);
  }
}

export function openSecret(sealed: string, masterKeys: MasterKeyRing): string {
  const match = SEALED_PATTERN.exec(sealed);
  if (!match?.[1] || !match[2]) throw new AppError('unprocessable', 'This is not a Meshvault sealed secret (expected "mvs1.<wrapped key>.<data>").');
  const wrapped = match[1];
  const bytes = Buffer.from(match[2], 'base64url');
  if (bytes.length < NONCE_SIZE + TAG_SIZE) throw new AppError('unprocessable', 'This sealed secret is truncated.');
  const dataKey = unwrapDataKey(wrapped, masterKeys);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, bytes.subarray(0, NONCE_SIZE));
    decipher.setAAD(Buffer.from(`${FORMAT}.${wrapped}`, 'ascii'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_SIZE));
    const plain = decipher.update(bytes.subarray(NONCE_SIZE, bytes.length - TAG_SIZE));
    try {
      decipher.final();
    } catch {
      throw new AppError('unprocessable', 'This sealed secret failed its integrity check; it was altered.');
    }
    return plain.toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

export function isSealedSecret(value: string): boolean {
  return SEALED_PATTERN.test(value);
}

/**
 * The value sealed under the ring's primary master key: as it is when it already is, else opened and
 * sealed again (a key rotation's step, so the old master key can be retired). A value stored before
 * sealing existed (not in the sealed format) is sealed as it is.
 */
export function resealSecret(value: string, masterKeys: MasterKeyRing): string {
  const match = SEALED_PATTERN.exec(value);
  if (!match?.[1]) return sealSecret(value, masterKeys);
  if (wrappedKeyMasterId(match[1]) === masterKeys.primary.id) return value;
  return sealSecret(openSecret(value, masterKeys), masterKeys);
}
