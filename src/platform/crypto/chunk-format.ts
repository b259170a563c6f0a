/**
 * On-disk layout of a vault file ("MVLT" format). Two versions exist; the header says which.
 *
 *   header   12 bytes  "MVLT" | u32 version | u32 plaintext chunk size
 *   record*  nonce (12) | AES-256-GCM ciphertext (chunk size bytes, the last record shorter) | tag (16)
 *
 * Version 2 (written today): 1 MiB chunks. Version 1 (still read, and still written to continue an
 * upload that began in v1): 64 KiB chunks. 1 MiB was chosen by measurement: per record there is one
 * cipher set-up, one AAD and two small buffers, which at 64 KiB cost a fifth of the encryption; at 1 MiB
 * they are lost in the noise, while memory (one record per stream) stays small.
 *
 * - nonce = 8-byte random prefix | u32 chunk index. The prefix is drawn per encryption session (once per
 *   file, plus once per resumed session of an upload), so a chunk re-encrypted after a crash never reuses
 *   a (key, nonce) pair even if the client sends different bytes the second time. The nonce travels in
 *   the record, so the decryptor does not need to know how many sessions there were.
 * - Binding the index in the AAD makes reordered, duplicated or dropped chunks fail authentication.
 * - The end of the file is authenticated too, so a truncation at a record boundary (or an appended
 *   record) fails:
 *   v1: AAD = header | u32 chunk index | u8 final flag; the record that ends the stream must carry
 *       final = 1 and no other may. The last record may be full, so whether a full record is the last
 *       one is only known when the input ends, and the AAD cannot be fixed before that.
 *   v2: AAD = header | u32 chunk index, and the last record is the one *shorter* than a chunk, possibly
 *       empty: a file whose size is a multiple of the chunk size ends with an empty record. GCM
 *       authenticates the ciphertext length, so a record cannot be shortened into a final one, and a
 *       stream ending on a full record is truncated. The AAD is known when a record starts, which lets
 *       the encryptor encrypt each piece of input as it arrives instead of staging a whole chunk.
 * - Every file has exactly one final record, possibly empty (a zero-byte file is header + one 28-byte
 *   record), so an empty ciphertext is never a valid file.
 * - Records have a fixed size except the last, so a plaintext offset maps to a ciphertext offset once
 *   the header is known: resumable uploads and byte-range reads rely on that.
 */
import { AppError } from '../errors/index.js';

export const HEADER_SIZE = 12;
export const NONCE_SIZE = 12;
export const NONCE_PREFIX_SIZE = 8;
export const TAG_SIZE = 16;
export const RECORD_OVERHEAD = NONCE_SIZE + TAG_SIZE;
export const DATA_KEY_SIZE = 32;
/** The chunk index is a u32 in the nonce: 2^32 chunks of 1 MiB is 4 PiB per file (256 TiB in v1). */
export const MAX_CHUNK_INDEX = 0xffff_ffff;

const MAGIC = Buffer.from('MVLT', 'ascii');

export type VaultFormatVersion = 1 | 2;

export interface VaultFormat {
  readonly version: VaultFormatVersion;
  /** Plaintext bytes in every record but the last. */
  readonly chunkSize: number;
  /** Stored bytes of a full record. */
  readonly recordSize: number;
  /** The 12-byte file header, also the start of every record's AAD. */
  readonly header: Buffer;
  /** v1: the last record carries a final flag in its AAD and may be full. v2: the last record is short. */
  readonly finalFlagInAad: boolean;
}

function defineFormat(version: VaultFormatVersion, chunkSize: number): VaultFormat {
  const header = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(chunkSize, 8);
  return { version, chunkSize, recordSize: chunkSize + RECORD_OVERHEAD, header, finalFlagInAad: version === 1 };
}

export const VAULT_FORMAT_V1 = defineFormat(1, 64 * 1024);
export const VAULT_FORMAT_V2 = defineFormat(2, 1024 * 1024);
/** The format new files are written in. */
export const VAULT_FORMAT = VAULT_FORMAT_V2;
export const VAULT_FORMAT_VERSION = VAULT_FORMAT.version;
export const VAULT_CHUNK_SIZE = VAULT_FORMAT.chunkSize;
/** The largest chunk of any readable format: bounds an upload's pending tail. */
export const MAX_VAULT_CHUNK_SIZE = Math.max(VAULT_FORMAT_V1.chunkSize, VAULT_FORMAT_V2.chunkSize);

const FORMATS: readonly VaultFormat[] = [VAULT_FORMAT_V1, VAULT_FORMAT_V2];

export function vaultFormat(version: VaultFormatVersion): VaultFormat {
  return version === 1 ? VAULT_FORMAT_V1 : VAULT_FORMAT_V2;
}

/** The format a 12-byte header announces; throws for anything that is not a readable vault header. */
export function formatFromHeader(header: Uint8Array): VaultFormat {
  const format = header.byteLength === HEADER_SIZE ? FORMATS.find((candidate) => candidate.header.equals(header)) : undefined;
  if (format === undefined) {
    throw new AppError(
      'unprocessable',
      'The stored file is not a Meshvault vault file of a supported version (bad header); it may be damaged or not encrypted.',
    );
  }
  return format;
}

export function buildNonce(prefix: Buffer, chunkIndex: number): Buffer {
  const nonce = Buffer.alloc(NONCE_SIZE);
  prefix.copy(nonce, 0, 0, NONCE_PREFIX_SIZE);
  nonce.writeUInt32BE(chunkIndex, NONCE_PREFIX_SIZE);
  return nonce;
}

/** The record's AAD; `final` only counts in v1 (v2 authenticates the end by the short last record). */
export function buildAad(format: VaultFormat, chunkIndex: number, final: boolean): Buffer {
  const aad = Buffer.alloc(HEADER_SIZE + (format.finalFlagInAad ? 5 : 4));
  format.header.copy(aad, 0);
  aad.writeUInt32BE(chunkIndex, HEADER_SIZE);
  if (format.finalFlagInAad) aad.writeUInt8(final ? 1 : 0, HEADER_SIZE + 4);
  return aad;
}

/** Where chunk `chunkIndex`'s record starts in the stored file. */
export function ciphertextOffsetOfChunk(format: VaultFormat, chunkIndex: number): number {
  return HEADER_SIZE + chunkIndex * format.recordSize;
}

export interface VaultLayout {
  plaintextSize: number;
  chunkCount: number;
}

/** Derives plaintext size and record count from the stored size; throws if no valid file has that size. */
export function layoutFromCiphertextSize(format: VaultFormat, ciphertextSize: number): VaultLayout {
  const body = ciphertextSize - HEADER_SIZE;
  const lastRecord = body % format.recordSize;
  // v1: a body that ends exactly on a full record is a full-size final record. v2: the last record is
  // always short. In both, a remainder smaller than the record overhead cannot be a record at all.
  const endsOnFullRecord = lastRecord === 0 && format.finalFlagInAad;
  if (body < RECORD_OVERHEAD || (!endsOnFullRecord && lastRecord < RECORD_OVERHEAD)) {
    throw new AppError('unprocessable', 'The stored file has been truncated: its size does not match the vault format.', {
      ciphertextSize,
    });
  }
  const chunkCount = endsOnFullRecord ? body / format.recordSize : Math.floor(body / format.recordSize) + 1;
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
