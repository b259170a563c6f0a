/**
 * Decrypts the vault format (see chunk-format.ts) as a Node Transform. A chunk's plaintext is pushed only
 * after its GCM tag has verified, so a consumer never sees a byte of a tampered chunk; any tampered,
 * reordered, duplicated, missing or truncated chunk, or a wrong key, fails the stream with
 * AppError('unprocessable'). Memory stays at one record. The header says which format (v1 or v2) the
 * file is in; a range read that starts past the header is told.
 *
 * v1: whether a full record is the file's last is only known when the input ends, so the decryptor
 * holds one complete record back until it sees either more input (not final) or the end (final).
 * v2: a full record is never the last, so it is decrypted as soon as it is complete; the stream must end
 * with a short record.
 */
import { createDecipheriv, createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors/index.js';
import {
  assertChunkIndex,
  assertDataKey,
  authenticationError,
  buildAad,
  formatFromHeader,
  HEADER_SIZE,
  MAX_CHUNK_INDEX,
  NONCE_PREFIX_SIZE,
  NONCE_SIZE,
  RECORD_OVERHEAD,
  TAG_SIZE,
  VAULT_FORMAT,
  type VaultFormat,
} from './chunk-format.js';
import { RecordSplitter } from './record-splitter.js';

export interface ChunkDecryptorOptions {
  dataKey: Uint8Array;
  /**
   * Index of the first record in the input. 0 (the default) means the input starts with the file
   * header; a larger index is for byte-range reads that start at that record.
   */
  startChunkIndex?: number;
  /**
   * true (the default): the input ends with the file's final record, and anything else is truncation.
   * false: a range read that stops before the end; the input must end on a full non-final record.
   */
  endsAtFinalChunk?: boolean;
  /** Compute the SHA-256 of the plaintext (read `sha256` after the stream ends). */
  hashPlaintext?: boolean;
  /**
   * The file's format, for a range read that starts past the header (read it with `formatFromHeader`).
   * Ignored when the input starts with the header, which says it. Default: the current format.
   */
  format?: VaultFormat;
}

export class ChunkDecryptor extends Transform {
  #key: Buffer;
  #chunkIndex: number;
  #endsAtFinalChunk: boolean;
  #header: Buffer | undefined;
  #headerFilled = 0;
  #format: VaultFormat;
  /** Cuts the input into records; created once the format is known. */
  #splitter: RecordSplitter | undefined;
  #hash: Hash | undefined;
  #sha256: string | undefined;
  #plaintextBytes = 0;

  constructor(options: ChunkDecryptorOptions) {
    super();
    assertDataKey(options.dataKey);
    const startChunkIndex = options.startChunkIndex ?? 0;
    assertChunkIndex(startChunkIndex);
    this.#key = Buffer.from(options.dataKey);
    this.#chunkIndex = startChunkIndex;
    this.#endsAtFinalChunk = options.endsAtFinalChunk ?? true;
    this.#header = startChunkIndex === 0 ? Buffer.alloc(HEADER_SIZE) : undefined;
    this.#format = options.format ?? VAULT_FORMAT;
    this.#hash = options.hashPlaintext ? createHash('sha256') : undefined;
  }

  /** Hex SHA-256 of all plaintext emitted, once the stream has ended (when `hashPlaintext` was set). */
  get sha256(): string | undefined {
    return this.#sha256;
  }

  get plaintextBytes(): number {
    return this.#plaintextBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      const position = this.#consumeHeader(chunk);
      if (this.#header !== undefined) {
        callback();
        return;
      }
      // A full v1 record may be the last one, so it waits for more input; a full v2 record never is.
      this.#splitter ??= new RecordSplitter(this.#format.recordSize, this.#format.finalFlagInAad);
      this.#splitter.push(chunk.subarray(position), (record) => this.#decryptRecord(record, false));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.#header !== undefined) throw truncated(this.#chunkIndex);
      // Less than a record, or in v1 possibly a full one (a full v2 record was decrypted as not final).
      const rest = this.#splitter?.rest() ?? Buffer.alloc(0);
      if (this.#endsAtFinalChunk) {
        // Every file ends with a final record, even an empty file, so no record at all is truncation;
        // in v2 the final record is short, so a stream that ends on a full record is truncated too.
        if (rest.length === 0) throw truncated(this.#chunkIndex);
        this.#decryptRecord(rest, true);
      } else if (rest.length === this.#format.recordSize) {
        this.#decryptRecord(rest, false);
      } else if (rest.length !== 0) {
        throw truncated(this.#chunkIndex);
      }
      this.#sha256 = this.#hash?.digest('hex');
      this.#key.fill(0);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#key.fill(0);
    this.#splitter?.wipe();
    callback(error);
  }

  /** Returns how many bytes of `chunk` went into the header. */
  #consumeHeader(chunk: Buffer): number {
    const header = this.#header;
    if (header === undefined) return 0;
    const take = Math.min(HEADER_SIZE - this.#headerFilled, chunk.length);
    chunk.copy(header, this.#headerFilled, 0, take);
    this.#headerFilled += take;
    if (this.#headerFilled === HEADER_SIZE) {
      this.#format = formatFromHeader(header);
      this.#header = undefined;
    }
    return take;
  }

  #decryptRecord(record: Buffer, final: boolean): void {
    const chunkIndex = this.#chunkIndex;
    if (chunkIndex > MAX_CHUNK_INDEX) throw authenticationError(chunkIndex);
    if (record.length < RECORD_OVERHEAD) throw truncated(chunkIndex);
    const nonce = record.subarray(0, NONCE_SIZE);
    // The AAD already binds the index; checking the nonce too gives a clearer failure for a swapped record.
    if (nonce.readUInt32BE(NONCE_PREFIX_SIZE) !== chunkIndex) throw authenticationError(chunkIndex);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, nonce);
    decipher.setAAD(buildAad(this.#format, chunkIndex, final));
    decipher.setAuthTag(record.subarray(record.length - TAG_SIZE));
    const plaintext = decipher.update(record.subarray(NONCE_SIZE, record.length - TAG_SIZE));
    try {
      decipher.final();
    } catch {
      plaintext.fill(0);
      throw authenticationError(chunkIndex);
    }
    this.#hash?.update(plaintext);
    this.#plaintextBytes += plaintext.length;
    this.#chunkIndex = chunkIndex + 1;
    this.push(plaintext);
  }
}

export function createChunkDecryptor(options: ChunkDecryptorOptions): ChunkDecryptor {
  return new ChunkDecryptor(options);
}

function truncated(chunkIndex: number): AppError {
  return new AppError(
    'unprocessable',
    `The stored file is truncated: it ends before chunk ${chunkIndex} is complete or before its final chunk.`,
    { chunkIndex },
  );
}
