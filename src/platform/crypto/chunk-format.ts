/**
 * On-disk layout of a vault file ("MVLT" format, version 1).
 *
 *   header   12 bytes  "MVLT" | u32 version (1) | u32 plaintext chunk size (65536)
 *   record*  nonce (12) | AES-256-GCM ciphertext (chunk size bytes, the last record 0..chunk size) | tag (16)
 *
 * - nonce = 8-byte random prefix | u32 chunk index. The prefix is drawn per encryption session (once per
 *   file, plus once per resumed session of an upload), so a chunk re-encrypted after a crash never reuses
 *   a (key, nonce) pair even if the client sends different bytes the second time. The nonce travels in
 *   the record, so the decryptor does not need to know how many sessions there were.
 * - AAD = header | u32 chunk index | u8 final flag. Binding the index makes reordered, duplicated or
 *   dropped chunks fail authentication; binding the final flag makes a truncation at a record boundary
 *   (or an appended record) fail too, because the record that ends the stream must carry final = 1 and
 *   no other may.
 * - Every file has exactly one final record, possibly empty (a zero-byte file is header + one 28-byte
 *   record), so an empty ciphertext is never a valid file.
 * - Records have a fixed size except the last, so a plaintext offset maps to a ciphertext offset without
 *   reading anything: resumable uploads and byte-range reads rely on that.
 */
import { AppError } from '../errors/index.js';

export const VAULT_CHUNK_SIZE = 64 * 1024;
export const VAULT_FORMAT_VERSION = 1;
export const HEADER_SIZE = 12;
export const NONCE_SIZE = 12;
export const NONCE_PREFIX_SIZE = 8;
export const TAG_SIZE = 16;
export const RECORD_OVERHEAD = NONCE_SIZE + TAG_SIZE;
export const RECORD_SIZE = VAULT_CHUNK_SIZE + RECORD_OVERHEAD;
export const DATA_KEY_SIZE = 32;
/** The chunk index is a u32 in the nonce: 2^32 chunks of 64 KiB is 256 TiB per file. */
export const MAX_CHUNK_INDEX = 0xffff_ffff;

const MAGIC = Buffer.from('MVLT', 'ascii');

export function buildHeader(): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(VAULT_FORMAT_VERSION, 4);
  header.writeUInt32BE(VAULT_CHUNK_SIZE, 8);
  return header;
}

const HEADER = buildHeader();

export function assertHeader(header: Buffer): void {
  if (header.length !== HEADER_SIZE || !header.equals(HEADER)) {
    throw new AppError(
      'unprocessable',
      'The stored file is not a Meshvault vault file of a supported version (bad header); it may be damaged or not encrypted.',
    );
  }
}

export function buildNonce(prefix: Buffer, chunkIndex: number): Buffer {
  const nonce = Buffer.alloc(NONCE_SIZE);
  prefix.copy(nonce, 0, 0, NONCE_PREFIX_SIZE);
  nonce.writeUInt32BE(chunkIndex, NONCE_PREFIX_SIZE);
  return nonce;
}

export function buildAad(chunkIndex: number, final: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_SIZE + 5);
  HEADER.copy(aad, 0);
  aad.writeUInt32BE(chunkIndex, HEADER_SIZE);
  aad.writeUInt8(final ? 1 : 0, HEADER_SIZE + 4);
  return aad;
}

/** Where chunk `chunkIndex`'s record starts in the stored file. */
export function ciphertextOffsetOfChunk(chunkIndex: number): number {
  return HEADER_SIZE + chunkIndex * RECORD_SIZE;
}

export interface VaultLayout {
  plaintextSize: number;
  chunkCount: number;
}

/** Derives plaintext size and record count from the stored size; throws if no valid file has that size. */
export function layoutFromCiphertextSize(ciphertextSize: number): VaultLayout {
  const body = ciphertextSize - HEADER_SIZE;
  const lastRecord = body % RECORD_SIZE;
  // A body that ends exactly on a full record is a full-size final record; a remainder smaller than the
  // record overhead cannot be a record at all.
  if (body < RECORD_OVERHEAD || (lastRecord !== 0 && lastRecord < RECORD_OVERHEAD)) {
    throw new AppError('unprocessable', 'The stored file has been truncated: its size does not match the vault format.', {
      ciphertextSize,
    });
  }
  const chunkCount = lastRecord === 0 ? body / RECORD_SIZE : Math.floor(body / RECORD_SIZE) + 1;
  return { chunkCount, plaintextSize: body - chunkCount * RECORD_OVERHEAD };
}

export function assertDataKey(dataKey: Uint8Array): void {
  if (dataKey.byteLength !== DATA_KEY_SIZE) {
    throw new AppError('bad_request', `A vault data key must be ${DATA_KEY_SIZE} bytes.`);
  }
}

export function assertChunkIndex(chunkIndex: number): void {
  if (!Number.isSafeInteger(chunkIndex) || chunkIndex < 0 || chunkIndex > MAX_CHUNK_INDEX) {
    throw new AppError('bad_request', `A chunk index must be an integer from 0 to ${MAX_CHUNK_INDEX}.`, { chunkIndex });
  }
}

export function authenticationError(chunkIndex: number): AppError {
  return new AppError(
    'unprocessable',
    `The stored file failed its integrity check at chunk ${chunkIndex}: it was modified, reordered or truncated, or it is being read with the wrong key.`,
    { chunkIndex },
  );
}
