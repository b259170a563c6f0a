import { createDecipheriv, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Offline verification of a licence file in Keygen's format: the armour holds base64 of JSON
 * `{ enc, sig, alg }`; `sig` is Ed25519 over `"license/" + enc`, checked before anything is decoded.
 * `aes-256-gcm+ed25519` files are decrypted with SHA-256 of the licence key (`enc` = ciphertext.iv.tag).
 * Keygen's own files verify with this code, and so do the ones a Meshvault server signs.
 */
export type LicenceFileFailure = 'malformed' | 'unsupported_algorithm' | 'bad_signature' | 'key_required' | 'cannot_decrypt' | 'expired' | 'not_yet_valid';

export type LicenceFileResult =
  | { ok: true; algorithm: string; document: LicenceFileDocument; issued: Date | null; expiry: Date | null }
  | { ok: false; reason: LicenceFileFailure; detail: string };

/** What the signed JSON holds: the licence (`data`), the machine it is bound to (`included`) and `meta`. */
export type LicenceFileDocument = {
  data: Record<string, unknown>;
  included?: Array<Record<string, unknown>>;
  meta?: { issued?: string; expiry?: string; ttl?: number; [k: string]: unknown };
};

export type VerifyOptions = {
  /** Ed25519 public key: DER (SPKI) base64 as Keygen and Meshvault publish it, or PEM. */
  publicKey: string;
  /** Needed for encrypted files. */
  licenceKey?: string;
  /** The time to check the file's expiry against (default now). Use a trusted clock when you have one. */
  now?: Date;
};

const ARMOUR = /^-----BEGIN LICENSE FILE-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END LICENSE FILE-----\s*$/;

export function verifyLicenceFile(certificate: string, opts: VerifyOptions): LicenceFileResult {
  const armour = ARMOUR.exec(certificate.trim());
  if (!armour?.[1]) return fail('malformed', 'This is not a licence file (no BEGIN/END LICENSE FILE armour).');
  let outer: { enc?: unknown; sig?: unknown; alg?: unknown };
  try {
    outer = JSON.parse(Buffer.from(armour[1].replace(/\s/g, ''), 'base64').toString('utf8')) as typeof outer;
  } catch {
    return fail('malformed', 'The licence file’s contents are not the expected JSON.');
  }
  const { enc, sig, alg } = outer;
  if (typeof enc !== 'string' || typeof sig !== 'string' || typeof alg !== 'string') return fail('malformed', 'The licence file lacks enc, sig or alg.');
  if (alg !== 'base64+ed25519' && alg !== 'aes-256-gcm+ed25519') return fail('unsupported_algorithm', `Unsupported licence file algorithm ${alg}.`);
  let key: KeyObject;
  try {
    key = publicKeyOf(opts.publicKey);
  } catch {
    return fail('malformed', 'The public key is neither DER (SPKI) base64 nor PEM.');
  }
  if (!verify(null, Buffer.from(`license/${enc}`), key, Buffer.from(sig, 'base64'))) return fail('bad_signature', 'The licence file’s signature does not verify: it was altered or signed by another key.');
  let plaintext: string;
  if (alg === 'base64+ed25519') plaintext = Buffer.from(enc, 'base64').toString('utf8');
  else {
    if (opts.licenceKey === undefined) return fail('key_required', 'This licence file is encrypted: the licence key is needed to read it.');
    const decrypted = decrypt(enc, opts.licenceKey);
    if (decrypted === null) return fail('cannot_decrypt', 'The licence file cannot be decrypted with this licence key.');
    plaintext = decrypted;
  }
  let document: LicenceFileDocument;
  try {
    document = JSON.parse(plaintext) as LicenceFileDocument;
  } catch {
    return fail('malformed', 'The licence file’s signed contents are not JSON.');
  }
  const issued = dateOf(document.meta?.issued);
  const expiry = dateOf(document.meta?.expiry);
  const now = opts.now ?? new Date();
  if (expiry && expiry.getTime() < now.getTime()) return fail('expired', `The licence file expired on ${expiry.toISOString()}; check out a new one while online.`);
  // A clock set back to before the file was issued is a way to stretch it.
  if (issued && issued.getTime() > now.getTime()) return fail('not_yet_valid', 'The licence file was issued after the time given: check the computer’s clock.');
  return { ok: true, algorithm: alg, document, issued, expiry };
}

function fail(reason: LicenceFileFailure, detail: string): LicenceFileResult {
  return { ok: false, reason, detail };
}

function publicKeyOf(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

function decrypt(enc: string, licenceKey: string): string | null {
  const parts = enc.split('.');
  if (parts.length !== 3) return null;
  const [ciphertext, iv, tag] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  try {
    const decipher = createDecipheriv('aes-256-gcm', createHash('sha256').update(licenceKey).digest(), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
