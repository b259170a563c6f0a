/**
 * Encrypts plaintext into the vault format (see chunk-format.ts) as a Node Transform: bytes in,
 * header + records out. Plaintext never leaves this object except as ciphertext, so piping an upload
 * through it into a StorageDriver puts no plaintext byte on disk.
 *
 * Two ways of working, chosen at construction:
 * - *streaming* (a whole file in the v2 format, `endsFile: true`): each input piece is hashed and
 *   encrypted as it arrives, straight from the input, into the record it belongs to; a record's cipher
 *   lives until the record is full. No plaintext is copied or held, and memory is the ciphertext of the
 *   piece being processed. This is possible because a v2 record's AAD does not depend on whether it
 *   is the last one (see chunk-format.ts).
 * - *staging* (an upload session, which must keep its trailing partial chunk as plaintext, or the v1
 *   format, whose AAD needs to know whether a chunk is the last): whole chunks are encrypted straight
 *   from the input in one cipher call each; only the bytes of a partial chunk are copied into a
 *   one-chunk buffer. Memory stays at one chunk.
 * Either way, nonce, ciphertext and tag are pushed as they are (no concatenating copy). The same code
 * also runs without the stream machinery (`encryptPieces`), for a caller that pulls the stored bytes
 * straight into a writer, as the vault's `writeFile` does.
 *
 * One encryptor is one *session*. A whole file is one session with `endsFile: true`. A resumable upload
 * is several sessions over the same data key:
 *   1. session k starts at `startChunkIndex` = the number of chunks already stored (0 for the first one,
 *      which also writes the header) and ends with `endsFile: false` (plain `end()`): it emits every
 *      complete chunk and leaves out a trailing partial chunk, reported as `discardedTailBytes`; with
 *      `keepTail` it hands those bytes to the caller (`takeTail()`), which seals them (upload-tail.ts)
 *      and puts them in front of the next session's input, since plaintext may not be written to disk;
 *   2. a process crash loses at most the unacknowledged chunks; the next session restarts from the
 *      stored chunk count with a fresh nonce prefix (never reusing a nonce, see chunk-format.ts);
 *   3. the session that receives the last byte uses `endsFile: true` (or calls `finalize()`), which
 *      marks its last chunk — possibly an empty one — as final.
 * `sha256` covers only the bytes of this session, so it is the file's hash only when a single session
 * encrypted the whole file; a resumed upload hashes by decrypting once at the end (see vault-upload.ts).
 */
import { createCipheriv, createHash, randomBytes, type CipherGCM, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors/index.js';
import {
  assertChunkIndex,
  assertDataKey,
  buildAad,
  buildNonce,
  MAX_CHUNK_INDEX,
  NONCE_PREFIX_SIZE,
  VAULT_FORMAT,
  type VaultFormat,
} from './chunk-format.js';
import { RecordSplitter } from './record-splitter.js';

export interface ChunkEncryptorOptions {
  /** The file's 32-byte data key (copied: the caller may wipe its own buffer). */
  dataKey: Uint8Array;
  /** Index of the first chunk this session writes; 0 also writes the file header. Default 0. */
  startChunkIndex?: number;
  /** true: the end of the input is the end of the file. false: a resumable session; see above. */
  endsFile: boolean;
  /** 8 bytes; drawn at random when omitted, which is what callers should do. */
  noncePrefix?: Uint8Array;
  /** Compute the SHA-256 of this session's plaintext (read `sha256` after the stream ends). */
  hashPlaintext?: boolean;
  /**
   * A non-final session keeps its trailing partial chunk in memory instead of dropping it: read it once
   * with `takeTail()` after the stream ends (the caller seals it; see upload-tail.ts).
   */
  keepTail?: boolean;
  /** The format to write: the current one (the default), or v1 to continue an upload begun in v1. */
  format?: VaultFormat;
}

export class ChunkEncryptor extends Transform {
  readonly startChunkIndex: number;
  readonly format: VaultFormat;
  #key: Buffer;
  #noncePrefix: Buffer;
  #nextChunkIndex: number;
  #endsFile: boolean;
  #streaming: boolean;
  #headerPending: boolean;
  #hash: Hash | undefined;
  #sha256: string | undefined;
  #committedBytes = 0;
  #discardedTailBytes = 0;
  #keepTail: boolean;
  #tail: Buffer | undefined;
  /** Streaming: the cipher of the record being written and how many plaintext bytes it has taken. */
  #cipher: CipherGCM | undefined;
  #cipherFilled = 0;
  /** Staging: whole chunks, and the partial one. */
  #splitter: RecordSplitter;
  /** During `encryptPiece`/`finishPieces`: where the stored bytes go instead of the stream. */
  #collected: Buffer[] | undefined;

  constructor(options: ChunkEncryptorOptions) {
    super();
    assertDataKey(options.dataKey);
    const startChunkIndex = options.startChunkIndex ?? 0;
    assertChunkIndex(startChunkIndex);
    if (options.noncePrefix !== undefined && options.noncePrefix.byteLength !== NONCE_PREFIX_SIZE) {
      throw new AppError('bad_request', `A nonce prefix must be ${NONCE_PREFIX_SIZE} bytes.`);
    }
    this.startChunkIndex = startChunkIndex;
    this.format = options.format ?? VAULT_FORMAT;
    this.#key = Buffer.from(options.dataKey);
    this.#noncePrefix = options.noncePrefix ? Buffer.from(options.noncePrefix) : randomBytes(NONCE_PREFIX_SIZE);
    this.#nextChunkIndex = startChunkIndex;
    this.#endsFile = options.endsFile;
    this.#keepTail = options.keepTail ?? false;
    this.#streaming = options.endsFile && !this.#keepTail && !this.format.finalFlagInAad;
    this.#headerPending = startChunkIndex === 0;
    this.#hash = options.hashPlaintext ? createHash('sha256') : undefined;
    // A full v1 chunk may still be the file's last (its AAD says so), so it waits for more input.
    this.#splitter = new RecordSplitter(this.format.chunkSize, this.format.finalFlagInAad);
  }

  /** Index the next chunk would get: after the stream ends, the number of chunks now stored. */
  get nextChunkIndex(): number {
    return this.#nextChunkIndex;
  }

  /** Plaintext bytes this session turned into records (a multiple of the chunk size unless final). */
  get committedPlaintextBytes(): number {
    return this.#committedBytes;
  }

  /** Plaintext bytes of a partial last chunk that a non-final session dropped; the client must re-send them. */
  get discardedTailBytes(): number {
    return this.#discardedTailBytes;
  }

  /**
   * With `keepTail`: the plaintext of the partial last chunk a non-final session did not encrypt (empty
   * when it ended on a chunk boundary), once the stream has ended. Handed over once; the caller wipes it.
   */
  takeTail(): Buffer {
    const tail = this.#tail ?? Buffer.alloc(0);
    this.#tail = undefined;
    return tail;
  }

  /** Hex SHA-256 of this session's plaintext, once the stream has ended (when `hashPlaintext` was set). */
  get sha256(): string | undefined {
    return this.#sha256;
  }

  /** Ends the input and marks the last chunk as the end of the file. */
  finalize(): this {
    this.#endsFile = true;
    this.end();
    return this;
  }

  /**
   * Direct use, without the stream machinery, by a caller that runs its own loop (the vault's
   * `writeFile`): encrypts `piece` and returns the stored bytes it completes, in order. Nothing of
   * `piece` is kept (ciphertext is new memory; a partial chunk is copied), so the caller may reuse its
   * buffer at once. Do not mix with writing to the stream.
   */
  encryptPiece(piece: Uint8Array): Buffer[] {
    return this.#collect(() => this.#accept(piece));
  }

  /** Direct use: ends the input, as `end()` would, and returns the last stored bytes. */
  finishPieces(): Buffer[] {
    return this.#collect(() => this.#finish());
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#accept(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#finish();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  /** Stored bytes go to the stream, or, during a direct call, into the array it returns. */
  #emit(bytes: Buffer): void {
    if (this.#collected) this.#collected.push(bytes);
    else this.push(bytes);
  }

  #collect(work: () => void): Buffer[] {
    const collected: Buffer[] = [];
    this.#collected = collected;
    try {
      work();
    } finally {
      this.#collected = undefined;
    }
    return collected;
  }

  /** One piece of plaintext, from the stream or a direct call: bytes only (a text chunk is refused). */
  #accept(piece: unknown): void {
    if (!(piece instanceof Uint8Array)) throw new AppError('bad_request', 'The vault encrypts bytes; a text chunk was given.');
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (this.#streaming) this.#streamPiece(bytes);
    else this.#stagePiece(bytes);
  }

  #finish(): void {
    if (this.#streaming) {
      // The open record is short (a full one was closed when it filled): it ends the file. With no
      // open record the input ended on a chunk boundary, or was empty: an empty final record follows.
      if (this.#cipher === undefined) this.#openRecord();
      this.#closeRecord();
    } else {
      this.#flushStaged();
    }
    this.#sha256 = this.#hash?.digest('hex');
    this.#wipe();
  }

  /** Streaming: hash and encrypt each piece as it comes, into the open record, closing full ones. */
  #streamPiece(chunk: Buffer): void {
    const { chunkSize } = this.format;
    let position = 0;
    while (position < chunk.length) {
      if (this.#cipher === undefined) this.#openRecord();
      const take = Math.min(chunkSize - this.#cipherFilled, chunk.length - position);
      const piece = chunk.subarray(position, position + take);
      this.#hash?.update(piece);
      this.#emit(this.#cipher!.update(piece));
      this.#cipherFilled += take;
      this.#committedBytes += take;
      position += take;
      if (this.#cipherFilled === chunkSize) this.#closeRecord();
    }
  }

  #openRecord(): void {
    const nonce = this.#nonceForNextChunk();
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    // v2 only (streaming is never v1): the AAD does not depend on whether this record is the last.
    cipher.setAAD(buildAad(this.format, this.#nextChunkIndex, false));
    this.#cipher = cipher;
    this.#cipherFilled = 0;
    this.#emit(nonce);
  }

  #closeRecord(): void {
    const cipher = this.#cipher!;
    const rest = cipher.final();
    if (rest.length > 0) this.#emit(rest);
    this.#emit(cipher.getAuthTag());
    this.#cipher = undefined;
    this.#nextChunkIndex += 1;
  }

  /** Staging: whole chunks straight from the input, the bytes of a partial one into the buffer. */
  #stagePiece(chunk: Buffer): void {
    this.#splitter.push(chunk, (plaintext) => this.#sealChunk(plaintext, false));
  }

  #flushStaged(): void {
    // Less than a chunk, or in v1 possibly a full one (v2 never holds a full chunk back).
    const rest = this.#splitter.rest();
    if (this.#endsFile) {
      this.#sealChunk(rest, true);
    } else if (rest.length === this.format.chunkSize) {
      this.#sealChunk(rest, false);
    } else {
      this.#discardedTailBytes = rest.length;
      if (this.#keepTail) this.#tail = Buffer.from(rest);
    }
  }

  /** One whole record in one cipher call. */
  #sealChunk(plaintext: Buffer, final: boolean): void {
    const nonce = this.#nonceForNextChunk();
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(buildAad(this.format, this.#nextChunkIndex, final));
    this.#hash?.update(plaintext);
    this.#emit(nonce);
    this.#emit(cipher.update(plaintext));
    const rest = cipher.final();
    if (rest.length > 0) this.#emit(rest);
    this.#emit(cipher.getAuthTag());
    this.#nextChunkIndex += 1;
    this.#committedBytes += plaintext.length;
  }

  /** The next record's nonce; the file header goes out first when this session starts the file. */
  #nonceForNextChunk(): Buffer {
    const chunkIndex = this.#nextChunkIndex;
    if (chunkIndex > MAX_CHUNK_INDEX) {
      throw new AppError('payload_too_large', 'The file is larger than the vault format allows.');
    }
    if (this.#headerPending) {
      this.#emit(Buffer.from(this.format.header));
      this.#headerPending = false;
    }
    return buildNonce(this.#noncePrefix, chunkIndex);
  }

  #wipe(): void {
    this.#splitter.wipe();
    this.#key.fill(0);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // Also called after a clean end (autoDestroy): the tail then waits for takeTail(); after a failure nobody takes it.
    if (error) {
      this.#tail?.fill(0);
      this.#tail = undefined;
    }
    this.#wipe();
    callback(error);
  }
}

/**
 * The stored bytes of `pieces` encrypted by `encryptor` used directly (see `encryptPiece`), pulled one
 * piece at a time: a piece is encrypted only when the consumer wants more, and is done with by the time
 * the next one is asked for, so a source may hand out views of one reused buffer.
 */
export async function* encryptPieces(encryptor: ChunkEncryptor, pieces: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  for await (const piece of pieces) yield* encryptor.encryptPiece(piece as Uint8Array);
  yield* encryptor.finishPieces();
}

export function createChunkEncryptor(options: ChunkEncryptorOptions): ChunkEncryptor {
  return new ChunkEncryptor(options);
}
