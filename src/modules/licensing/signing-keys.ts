import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { unwrapDataKey, wrapDataKey, type MasterKeyRing } from '../../platform/crypto/index.js';

/**
 * Ed25519 keys for licence files. The 32-byte private seed is wrapped by the master key as a file's
 * data key is (so a master key rotation re-wraps it and a stolen database alone cannot sign); the
 * public half is published as DER (SPKI) base64, the form Keygen publishes its keys in.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export type SigningKeyMaterial = { id: string; publicKey: string; privateKeyWrapped: string };

export function generateSigningKey(masterKeys: MasterKeyRing): SigningKeyMaterial {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = Buffer.from(der.subarray(PKCS8_ED25519_PREFIX.length));
  try {
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    return { id: keyIdOf(spki), publicKey: spki, privateKeyWrapped: wrapDataKey(seed, masterKeys.primary) };
  } finally {
    seed.fill(0);
    der.fill(0);
  }
}

export function unwrapSigningKey(wrapped: string, masterKeys: MasterKeyRing): KeyObject {
  const seed = unwrapDataKey(wrapped, masterKeys);
  try {
    return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  } finally {
    seed.fill(0);
  }
}

export function publicKeyPem(spkiBase64: string): string {
  return createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString();
}

/** A short id people can compare by eye (the first 16 hex digits of the key's SHA-256 would do as well). */
function keyIdOf(spkiBase64: string): string {
  return Buffer.from(spkiBase64, 'base64').subarray(-32).toString('hex').slice(0, 16);
}
