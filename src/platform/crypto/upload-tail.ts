/**
 * The pending tail of a resumable upload: the bytes after its last whole chunk (fewer than one chunk), kept between two requests so that the offset an upload reports is exactly the bytes received.
 * Plaintext may not reach the disk, so the tail is stored sealed:
 *
 *   nonce (12, random) | AES-256-GCM ciphertext (under one chunk: 1 MiB in v2, 64 KiB in v1) | tag (16)
 *
 * under a key derived from the upload's data key (HKDF-SHA256, its own label), so its random nonces never
 * share a key with the chunk records' prefix|index nonces. The AAD binds the chunk index the tail belongs
 * at: a tail left behind by an older state of the upload does not authenticate at another index.
 * The plaintext length follows from the stored size alone (`tailLengthFromSealedSize`), so an upload's
 * offset is known from a storage listing, without reading or decrypting anything.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../errors/index.js';
import { assertChunkIndex, assertDataKey, NONCE_SIZE, TAG_SIZE, MAX_VAULT_CHUNK_SIZE } from './chunk-format.js';

const TAIL_KEY_LABEL = 'meshvault upload tail v1';
const TAIL_AAD_MAGIC = Buffer.from('MVTL', 'ascii');
export const TAIL_OVERHEAD = NONCE_SIZE + TAG_SIZE;

function tailKey(dataKey: Uint8Array): Buffer {
  assertDataKey(dataKey);
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), TAIL_KEY_LABEL, 32));
}

function tailAad(chunkIndex: number): Buffer {
  const aad = Buffer.alloc(TAIL_AAD_MAGIC.length + 4);
  TAIL_AAD_MAGIC.copy(aad, 0);
  aad.writeUInt32BE(chunkIndex, TAIL_AAD_MAGIC.length);
  return aad;
}

/** Seals `plaintext` (less than one chunk) as the tail that continues the upload at chunk `chunkIndex`. */
export function sealUploadTail(dataKey: Uint8Array, chunkIndex: number, plaintext: Uint8Array): Buffer {
  assertChunkIndex(chunkIndex);
  if (plaintext.byteLength >= MAX_VAULT_CHUNK_SIZE) throw new AppError('bad_request', 'An upload tail is shorter than one chunk.');
  const key = tailKey(dataKey);
  try {
    const nonce = randomBytes(NONCE_SIZE);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(tailAad(chunkIndex));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  } finally {
    key.fill(0);
  }
}

/** Opens a sealed tail; throws when it was altered, belongs at another chunk index or to another key. */
export function openUploadTail(dataKey: Uint8Array, chunkIndex: number, sealed: Uint8Array): Buffer {
  assertChunkIndex(chunkIndex);
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  tailLengthFromSealedSize(bytes.length);
  const key = tailKey(dataKey);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_SIZE));
    decipher.setAAD(tailAad(chunkIndex));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_SIZE));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_SIZE, bytes.length - TAG_SIZE)), decipher.final()]);
  } catch {
    throw new AppError('unprocessable', 'The stored tail of this upload failed its integrity check; abort the upload and start again.', { chunkIndex });
  } finally {
    key.fill(0);
  }
}

/** Plaintext bytes in a sealed tail of this stored size; throws for a size no tail can have. */
export function tailLengthFromSealedSize(size: number): number {
  const length = size - TAIL_OVERHEAD;
  if (length < 0 || length >= MAX_VAULT_CHUNK_SIZE) {
    throw new AppError('unprocessable', 'The stored tail of this upload has an impossible size; abort the upload and start again.', { size });
  }
  return length;
}
