import { createCipheriv, createHash, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * Keygen's licence file format, so the same verifiers work: a PEM-like armour around base64 of JSON
 * `{ enc, sig, alg }`, where `sig` is Ed25519 over `"license/" + enc`. With `base64+ed25519` `enc` is
 * base64 of the JSON document; with `aes-256-gcm+ed25519` it is `ciphertext.iv.tag` (each base64),
 * AES-256-GCM under SHA-256 of the licence key, so only the holder of the key can read it.
 */
export type LicenceFileAlgorithm = 'base64+ed25519' | 'aes-256-gcm+ed25519';

export function signLicenceFile(document: unknown, opts: { privateKey: KeyObject; algorithm: LicenceFileAlgorithm; licenceKey?: string }): string {
  const json = JSON.stringify(document);
  const enc = opts.algorithm === 'base64+ed25519' ? Buffer.from(json).toString('base64') : encrypt(json, opts.licenceKey ?? '');
  const sig = sign(null, Buffer.from(`license/${enc}`), opts.privateKey).toString('base64');
  const body = Buffer.from(JSON.stringify({ enc, sig, alg: opts.algorithm })).toString('base64');
  const lines = body.match(/.{1,60}/g) ?? [];
  return `-----BEGIN LICENSE FILE-----\n${lines.join('\n')}\n-----END LICENSE FILE-----\n`;
}

function encrypt(plaintext: string, licenceKey: string): string {
  const key = createHash('sha256').update(licenceKey).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [ciphertext, iv, cipher.getAuthTag()].map((b) => b.toString('base64')).join('.');
}
