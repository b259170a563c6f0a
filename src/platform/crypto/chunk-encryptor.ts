/**
 * Encrypts plaintext into the vault format (see chunk-format.ts) as a Node Transform: bytes in,
 * header + records out. Memory stays at one chunk (plus the ciphertext of the input piece being
 * processed, pushed as one buffer so storage sees few large writes); plaintext never leaves this object except as
 * ciphertext, so piping an upload through it into a StorageDriver puts no plaintext byte on disk.
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
import { createCipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors/index.js';
import {
  assertChunkIndex,
  assertDataKey,
  buildAad,
  buildHeader,
  buildNonce,
  MAX_CHUNK_INDEX,
  NONCE_PREFIX_SIZE,
  VAULT_CHUNK_SIZE,
} from './chunk-format.js';

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
}

export class ChunkEncryptor extends Transform {
  readonly startChunkIndex: number;
  #key: Buffer;
  #noncePrefix: Buffer;
  #nextChunkIndex: number;
  #buffer: Buffer;
  #filled = 0;
  #endsFile: boolean;
  #headerPending: boolean;
  #hash: Hash | undefined;
  #sha256: string | undefined;
  #committedBytes = 0;
  #discardedTailBytes = 0;
  #keepTail: boolean;
  #tail: Buffer | undefined;
  /** Records made from the current input chunk, pushed together: fewer, larger writes downstream. */
  #pending: Buffer[] = [];

  constructor(options: ChunkEncryptorOptions) {
    super();
    assertDataKey(options.dataKey);
    const startChunkIndex = options.startChunkIndex ?? 0;
    assertChunkIndex(startChunkIndex);
    if (options.noncePrefix !== undefined && options.noncePrefix.byteLength !== NONCE_PREFIX_SIZE) {
      throw new AppError('bad_request', `A nonce prefix must be ${NONCE_PREFIX_SIZE} bytes.`);
    }
    this.startChunkIndex = startChunkIndex;
    this.#key = Buffer.from(options.dataKey);
    this.#noncePrefix = options.noncePrefix ? Buffer.from(options.noncePrefix) : randomBytes(NONCE_PREFIX_SIZE);
    this.#nextChunkIndex = startChunkIndex;
    this.#buffer = Buffer.alloc(VAULT_CHUNK_SIZE);
    this.#endsFile = options.endsFile;
    this.#headerPending = startChunkIndex === 0;
    this.#hash = options.hashPlaintext ? createHash('sha256') : undefined;
    this.#keepTail = options.keepTail ?? false;
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

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (!Buffer.isBuffer(chunk)) throw new AppError('bad_request', 'The vault encrypts bytes; a text chunk was given.');
      let position = 0;
      while (position < chunk.length) {
        if (this.#filled === VAULT_CHUNK_SIZE) {
          this.#encryptChunk(this.#buffer, false);
          this.#filled = 0;
        }
        // Whole chunks followed by more input cannot be the last one: encrypt them in place, no copy.
        while (this.#filled === 0 && chunk.length - position > VAULT_CHUNK_SIZE) {
          this.#encryptChunk(chunk.subarray(position, position + VAULT_CHUNK_SIZE), false);
          position += VAULT_CHUNK_SIZE;
        }
        const take = Math.min(VAULT_CHUNK_SIZE - this.#filled, chunk.length - position);
        chunk.copy(this.#buffer, this.#filled, position, position + take);
        this.#filled += take;
        position += take;
      }
      this.#pushPending();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.#endsFile) {
        this.#encryptChunk(this.#buffer.subarray(0, this.#filled), true);
      } else if (this.#filled === VAULT_CHUNK_SIZE) {
        this.#encryptChunk(this.#buffer, false);
      } else {
        this.#discardedTailBytes = this.#filled;
        if (this.#keepTail) this.#tail = Buffer.from(this.#buffer.subarray(0, this.#filled));
      }
      this.#pushPending();
      this.#filled = 0;
      this.#sha256 = this.#hash?.digest('hex');
      this.#wipe();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  #encryptChunk(plaintext: Buffer, final: boolean): void {
    const chunkIndex = this.#nextChunkIndex;
    if (chunkIndex > MAX_CHUNK_INDEX) {
      throw new AppError('payload_too_large', 'The file is larger than the vault format allows (256 TiB).');
    }
    const nonce = buildNonce(this.#noncePrefix, chunkIndex);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(buildAad(chunkIndex, final));
    const ciphertext = cipher.update(plaintext);
    const rest = cipher.final();
    const tag = cipher.getAuthTag();
    this.#hash?.update(plaintext);
    if (this.#headerPending) {
      this.#pending.push(buildHeader());
      this.#headerPending = false;
    }
    this.#pending.push(nonce, ciphertext, rest, tag);
    this.#nextChunkIndex = chunkIndex + 1;
    this.#committedBytes += plaintext.length;
  }

  #pushPending(): void {
    if (this.#pending.length === 0) return;
    this.push(Buffer.concat(this.#pending));
    this.#pending = [];
  }

  #wipe(): void {
    this.#buffer.fill(0);
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

export function createChunkEncryptor(options: ChunkEncryptorOptions): ChunkEncryptor {
  return new ChunkEncryptor(options);
}
