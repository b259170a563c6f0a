/**
 * Resumable encrypted uploads (the engine under a tus endpoint), built from the chunk encryptor and a
 * StorageDriver, so that no plaintext byte reaches the disk and an upload survives the process being killed.
 *
 * How it works:
 * - `begin()` draws the file's data key; the caller stores the returned wrapped key with its upload row.
 * - Each `append()` is one encryption session that stores one *part* object,
 *   `<storageKey>.parts/<first chunk index, 10 digits>` (plus `-final` for the last session). A part is
 *   written with the storage driver's atomic put, so after a crash a part is either complete or absent.
 * - Only whole 64 KiB chunks are stored; a trailing partial chunk of a non-final session is dropped
 *   (plaintext may not be written to disk to keep it), and the returned offset — the one to acknowledge
 *   to the client — is always on a chunk boundary. The client re-sends from there (tus allows the server to
 *   report less than it received). If the client disconnects mid-session, the whole chunks received so
 *   far are still kept.
 * - `status()` derives the durable offset from the parts in storage alone, so it is right after a restart
 *   with nothing in memory; the resumed session continues at chunk `offset / 64 KiB` under a fresh nonce
 *   prefix.
 * - The final session (`isLast`) is all-or-nothing: it ends with the final-flagged chunk, or stores
 *   nothing if the client disconnects. `complete()` then joins the parts into `<storageKey>` and decrypts
 *   it once to check every chunk and compute the real SHA-256 of the whole plaintext (Node cannot save a
 *   running hash across a restart). `complete()` is idempotent: call it again after a crash.
 *
 * The caller serialises appends to one upload (tus has a locker); two racing appends at the same offset
 * cannot both store a part (parts are created with overwrite: false), so one fails with a conflict.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/index.js';
import type { StorageDriver, StorageObjectInfo } from '../storage/index.js';
import { createChunkEncryptor } from './chunk-encryptor.js';
import { HEADER_SIZE, layoutFromCiphertextSize, RECORD_SIZE, VAULT_CHUNK_SIZE } from './chunk-format.js';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './data-key.js';
import type { MasterKeyRing } from './master-keys.js';
import { createVault, type PlaintextSource, type VaultFileInfo } from './vault.js';

export type VaultUploadState = 'receiving' | 'received' | 'completed';

export interface VaultUploadStatus {
  /** Plaintext bytes durably stored: where the client must resume. Always a multiple of 64 KiB while receiving. */
  offset: number;
  /** receiving: send more; received: the last part is stored, call complete(); completed: the file exists. */
  state: VaultUploadState;
}

export interface VaultAppendInput {
  /** Where the client says this body starts; must equal the stored offset. */
  offset: number;
  body: PlaintextSource;
  /** This body ends the file. */
  isLast: boolean;
  /** With isLast: the declared total size; a body that ends elsewhere stores nothing. */
  totalSize?: number;
}

export interface VaultAppendResult {
  /** The new durable offset to acknowledge. */
  offset: number;
  /** True when a non-final body failed part-way; its whole chunks were still kept. */
  interrupted: boolean;
  /** Set when this append completed the file. */
  file?: VaultFileInfo;
}

export interface VaultUploads {
  begin(): { wrappedKey: string };
  status(storageKey: string): Promise<VaultUploadStatus>;
  append(storageKey: string, wrappedKey: string, input: VaultAppendInput): Promise<VaultAppendResult>;
  complete(storageKey: string, wrappedKey: string): Promise<VaultFileInfo>;
  /** Deletes every stored part (the caller drops the wrapped key too). */
  abort(storageKey: string): Promise<void>;
}

export interface VaultUploadsDeps {
  storage: StorageDriver;
  masterKeys: MasterKeyRing;
}

interface StoredPart {
  key: string;
  startChunkIndex: number;
  chunkCount: number;
  plaintextBytes: number;
  final: boolean;
}

const PART_NAME = /^(\d{10})(-final)?$/;

export function createVaultUploads({ storage, masterKeys }: VaultUploadsDeps): VaultUploads {
  const vault = createVault({ storage, masterKeys });

  function begin(): { wrappedKey: string } {
    const dataKey = generateDataKey();
    try {
      return { wrappedKey: wrapDataKey(dataKey, masterKeys.primary) };
    } finally {
      dataKey.fill(0);
    }
  }

  async function status(storageKey: string): Promise<VaultUploadStatus> {
    const parts = await readParts(storageKey);
    if (parts.length === 0 && (await storage.exists(storageKey))) {
      return { offset: await vault.plaintextSize(storageKey), state: 'completed' };
    }
    return summarise(parts);
  }

  async function append(storageKey: string, wrappedKey: string, input: VaultAppendInput): Promise<VaultAppendResult> {
    const current = await status(storageKey);
    if (current.state !== 'receiving') {
      throw new AppError('conflict', 'This upload has already received its last byte.', { offset: current.offset });
    }
    if (input.offset !== current.offset) {
      throw new AppError('conflict', `This upload continues at byte ${current.offset}; resume from there.`, {
        expectedOffset: current.offset,
        offset: input.offset,
      });
    }
    const startChunkIndex = current.offset / VAULT_CHUNK_SIZE;
    const dataKey = unwrapDataKey(wrappedKey, masterKeys);
    const encryptor = createChunkEncryptor({ dataKey, startChunkIndex, endsFile: input.isLast });
    dataKey.fill(0);
    const partKey = partKeyFor(storageKey, startChunkIndex, input.isLast);

    let interrupted = false;
    let received = 0;
    async function* receive(): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of toReadable(input.body)) {
          received += (chunk as Uint8Array).byteLength;
          yield chunk as Uint8Array;
        }
      } catch (error) {
        // The last session is all-or-nothing; any other keeps the whole chunks it already has.
        if (input.isLast) throw error;
        interrupted = true;
        return;
      }
      if (input.isLast && input.totalSize !== undefined && current.offset + received !== input.totalSize) {
        throw new AppError('bad_request', 'The upload ended at a different size than it declared; nothing of this last piece was kept.', {
          declaredSize: input.totalSize,
          receivedSize: current.offset + received,
        });
      }
    }

    const writing = storage.put(partKey, encryptor, { overwrite: false }).catch((error: unknown) => {
      encryptor.destroy(error as Error);
      throw error;
    });
    const [{ size }] = await Promise.all([writing, pipeline(Readable.from(receive(), { objectMode: false }), encryptor)]);
    if (size === 0) await storage.delete(partKey); // nothing whole arrived: leave no empty part behind
    const offset = current.offset + encryptor.committedPlaintextBytes;
    if (!input.isLast) return { offset, interrupted };
    return { offset, interrupted, file: await complete(storageKey, wrappedKey) };
  }

  async function complete(storageKey: string, wrappedKey: string): Promise<VaultFileInfo> {
    const parts = await readParts(storageKey);
    const received = summarise(parts);
    if (parts.length > 0 && received.state !== 'received') {
      throw new AppError('conflict', 'This upload has not received its last byte yet.', { offset: received.offset });
    }
    if (!(await storage.exists(storageKey))) {
      if (parts.length === 0) throw new AppError('not_found', 'No upload exists under this key.', { key: storageKey });
      await storage.compose(
        storageKey,
        parts.map((part) => part.key),
        { overwrite: false },
      );
    }
    // An object already there means an earlier complete() joined the parts and then stopped.
    let verified: { sha256: string; plaintextSize: number };
    try {
      verified = await vault.verifyFile(storageKey, wrappedKey);
    } catch (error) {
      // A damaged join must not pass for a finished file; the parts stay for inspection or abort().
      if (parts.length > 0) await storage.delete(storageKey);
      throw error;
    }
    for (const part of parts) await storage.delete(part.key);
    const stored = await storage.stat(storageKey);
    return { wrappedKey, ...verified, ciphertextSize: stored?.size ?? 0 };
  }

  async function abort(storageKey: string): Promise<void> {
    for await (const part of storage.list(partsPrefix(storageKey))) await storage.delete(part.key);
  }

  async function readParts(storageKey: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    for await (const object of storage.list(partsPrefix(storageKey))) {
      const part = parsePart(storageKey, object);
      if (part === null) {
        await storage.delete(object.key); // an empty part left by a crash between put and delete
        continue;
      }
      parts.push(part);
    }
    let expected = 0;
    for (const [index, part] of parts.entries()) {
      if (part.startChunkIndex !== expected || (part.final && index !== parts.length - 1)) {
        throw new AppError('unprocessable', 'The stored parts of this upload are not contiguous; abort it and upload again.', {
          key: storageKey,
          missingChunkIndex: expected,
        });
      }
      expected += part.chunkCount;
    }
    return parts;
  }

  return { begin, status, append, complete, abort };
}

function summarise(parts: readonly StoredPart[]): VaultUploadStatus {
  const offset = parts.reduce((sum, part) => sum + part.plaintextBytes, 0);
  return { offset, state: parts.at(-1)?.final ? 'received' : 'receiving' };
}

function partsPrefix(storageKey: string): string {
  return `${storageKey}.parts/`;
}

function partKeyFor(storageKey: string, startChunkIndex: number, final: boolean): string {
  return `${partsPrefix(storageKey)}${String(startChunkIndex).padStart(10, '0')}${final ? '-final' : ''}`;
}

function parsePart(storageKey: string, object: StorageObjectInfo): StoredPart | null {
  const name = object.key.slice(partsPrefix(storageKey).length);
  const match = PART_NAME.exec(name);
  if (match === null || match[1] === undefined) {
    throw new AppError('unprocessable', 'An unexpected object sits among the parts of this upload.', { key: object.key });
  }
  const startChunkIndex = Number(match[1]);
  const final = match[2] !== undefined;
  if (!final && object.size === 0) return null;
  const body = object.size - (startChunkIndex === 0 ? HEADER_SIZE : 0);
  if (final) {
    const layout = layoutFromCiphertextSize(body + HEADER_SIZE);
    return { key: object.key, startChunkIndex, final, chunkCount: layout.chunkCount, plaintextBytes: layout.plaintextSize };
  }
  if (body <= 0 || body % RECORD_SIZE !== 0) {
    throw new AppError('unprocessable', 'A stored part of this upload has an impossible size; abort it and upload again.', {
      key: object.key,
    });
  }
  const chunkCount = body / RECORD_SIZE;
  return { key: object.key, startChunkIndex, final, chunkCount, plaintextBytes: chunkCount * VAULT_CHUNK_SIZE };
}

function toReadable(source: PlaintextSource): AsyncIterable<unknown> | Iterable<unknown> {
  if (source instanceof Uint8Array) return [source];
  return source;
}
