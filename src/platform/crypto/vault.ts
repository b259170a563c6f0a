/**
 * The encrypted file vault: a StorageDriver holding only ciphertext, plus the installation's master keys.
 * Each file gets a random data key; the caller stores the returned `wrappedKey` (and `sha256`) in its
 * files table. Nothing here touches a database.
 *
 * Erasure contract (crypto-shredding) — see `shredFile`:
 *   1. the caller destroys the file's wrapped key first (deletes or overwrites the row's `wrapped_key`,
 *      in the same transaction as its audit entry). From that moment the ciphertext is unreadable noise,
 *      wherever copies of it live (storage replicas, object versions, file-system snapshots);
 *   2. only then is the ciphertext deleted, which merely frees space: if it fails (storage down), the
 *      file is still erased and the deletion can be retried by a cleanup job.
 * Database backups still hold old wrapped keys; they become useless too once the master key they are
 * wrapped under is rotated away (re-wrap every file with `rewrapKey`, then drop the old master key).
 */
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { AppError } from '../errors/index.js';
import type { StorageDriver, StorageRange } from '../storage/index.js';
import { createChunkDecryptor } from './chunk-decryptor.js';
import { createChunkEncryptor, encryptPieces } from './chunk-encryptor.js';
import {
  ciphertextOffsetOfChunk,
  formatFromHeader,
  HEADER_SIZE,
  layoutFromCiphertextSize,
  type VaultFormat,
} from './chunk-format.js';
import { openPlaintext, type VaultWriteSource } from './plaintext-source.js';
import { generateDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey } from './data-key.js';
import type { MasterKey, MasterKeyRing } from './master-keys.js';

export type { PlaintextFile, PlaintextSource, VaultWriteSource } from './plaintext-source.js';

export interface VaultFileInfo {
  /** The file's data key wrapped by a master key: store it with the file; destroying it erases the file. */
  wrappedKey: string;
  /** Hex SHA-256 of the plaintext. */
  sha256: string;
  plaintextSize: number;
  ciphertextSize: number;
}

export interface VaultDeps {
  storage: StorageDriver;
  masterKeys: MasterKeyRing;
}

export interface Vault {
  /** Encrypts `plaintext` into a new object under `storageKey` (which must not exist yet). */
  writeFile(storageKey: string, plaintext: VaultWriteSource): Promise<VaultFileInfo>;
  /**
   * Decrypted content, or a plaintext byte range of it (only the records covering the range are read).
   * The stream fails with AppError('unprocessable') on any tampering and emits no unauthenticated byte.
   */
  readFile(storageKey: string, wrappedKey: string, range?: StorageRange): Promise<Readable>;
  /** Decrypts the whole file without keeping it: proves it is intact and returns its real hash. */
  verifyFile(storageKey: string, wrappedKey: string): Promise<{ sha256: string; plaintextSize: number }>;
  /** Plaintext size, from the stored size and the header. */
  plaintextSize(storageKey: string): Promise<number>;
  /** Key rotation for one file: the new wrapped key to store; the ciphertext is not touched. */
  rewrapKey(wrappedKey: string, target?: MasterKey): string;
  /**
   * Erases a file: awaits `destroyWrappedKey` (the caller deletes/overwrites the stored wrapped key), and
   * only if that succeeded deletes the ciphertext. See the erasure contract above.
   */
  shredFile(storageKey: string, destroyWrappedKey: () => Promise<void>): Promise<void>;
}

export function createVault({ storage, masterKeys }: VaultDeps): Vault {
  async function writeFile(storageKey: string, plaintext: VaultWriteSource): Promise<VaultFileInfo> {
    const dataKey = generateDataKey();
    const wrappedKey = wrapDataKey(dataKey, masterKeys.primary);
    const encryptor = createChunkEncryptor({ dataKey, endsFile: true, hashPlaintext: true });
    dataKey.fill(0);
    // The storage driver pulls the ciphertext straight from this loop: no stream between input,
    // encryptor and writer, so no queue or copy, and an input buffer can be reused once encrypted.
    const source = openPlaintext(plaintext);
    let size: number;
    try {
      ({ size } = await storage.put(storageKey, encryptPieces(encryptor, source.pieces), { overwrite: false }));
    } finally {
      encryptor.destroy();
      source.close();
    }
    const sha256 = encryptor.sha256;
    if (sha256 === undefined) throw new Error('the encryptor ended without a hash');
    return { wrappedKey, sha256, plaintextSize: encryptor.committedPlaintextBytes, ciphertextSize: size };
  }

  async function readFile(storageKey: string, wrappedKey: string, range?: StorageRange): Promise<Readable> {
    const dataKey = unwrapDataKey(wrappedKey, masterKeys);
    try {
      if (range === undefined) {
        return decryptInto(await storage.read(storageKey), createChunkDecryptor({ dataKey }));
      }
      return await readRange(storageKey, dataKey, range);
    } finally {
      dataKey.fill(0);
    }
  }

  async function readRange(storageKey: string, dataKey: Buffer, range: StorageRange): Promise<Readable> {
    const { offset, length } = range;
    if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
      throw new AppError('bad_request', 'A byte range needs a non-negative integer offset and length.');
    }
    const { format, size: storedSize } = await readFormat(storage, storageKey);
    const layout = layoutFromCiphertextSize(format, storedSize);
    if (offset > layout.plaintextSize) {
      throw new AppError('bad_request', 'The byte range starts past the end of the file.', {
        offset,
        size: layout.plaintextSize,
      });
    }
    const end = length === undefined ? layout.plaintextSize : Math.min(layout.plaintextSize, offset + length);
    if (end === offset) return Readable.from([]);
    const { chunkSize } = format;
    const firstChunk = Math.floor(offset / chunkSize);
    const lastChunk = Math.floor((end - 1) / chunkSize);
    const endsAtFinalChunk = lastChunk === layout.chunkCount - 1;
    const ciphertextStart = firstChunk === 0 ? 0 : ciphertextOffsetOfChunk(format, firstChunk);
    const ciphertextEnd = endsAtFinalChunk ? storedSize : ciphertextOffsetOfChunk(format, lastChunk + 1);
    const source = await storage.read(storageKey, { offset: ciphertextStart, length: ciphertextEnd - ciphertextStart });
    const decryptor = createChunkDecryptor({ dataKey, startChunkIndex: firstChunk, endsAtFinalChunk, format });
    const plaintext = decryptInto(source, decryptor);
    const skip = offset - firstChunk * chunkSize;
    return decryptInto(plaintext, createSliceStream(skip, end - offset));
  }

  async function verifyFile(storageKey: string, wrappedKey: string): Promise<{ sha256: string; plaintextSize: number }> {
    const dataKey = unwrapDataKey(wrappedKey, masterKeys);
    const hash = createHash('sha256');
    let plaintextSize = 0;
    try {
      const decryptor = createChunkDecryptor({ dataKey });
      await pipelineAsync(await storage.read(storageKey), decryptor, async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) {
          hash.update(chunk);
          plaintextSize += chunk.length;
        }
      });
    } finally {
      dataKey.fill(0);
    }
    return { sha256: hash.digest('hex'), plaintextSize };
  }

  async function plaintextSize(storageKey: string): Promise<number> {
    const { format, size } = await readFormat(storage, storageKey);
    return layoutFromCiphertextSize(format, size).plaintextSize;
  }

  async function shredFile(storageKey: string, destroyWrappedKey: () => Promise<void>): Promise<void> {
    await destroyWrappedKey();
    await storage.delete(storageKey);
  }

  return {
    writeFile,
    readFile,
    verifyFile,
    plaintextSize,
    rewrapKey: (wrappedKey, target) => rewrapDataKey(wrappedKey, masterKeys, target),
    shredFile,
  };
}

/** The stored object's size and the vault format its header announces (v1 files stay readable). */
export async function readFormat(storage: StorageDriver, storageKey: string): Promise<{ format: VaultFormat; size: number }> {
  const stored = await storage.stat(storageKey);
  if (stored === null) throw new AppError('not_found', 'No stored file exists under this key.', { key: storageKey });
  if (stored.size < HEADER_SIZE) {
    throw new AppError('unprocessable', 'The stored file has been truncated: its size does not match the vault format.', {
      ciphertextSize: stored.size,
    });
  }
  const pieces: Buffer[] = [];
  for await (const piece of await storage.read(storageKey, { offset: 0, length: HEADER_SIZE })) pieces.push(piece as Buffer);
  return { format: formatFromHeader(Buffer.concat(pieces)), size: stored.size };
}

/** Connects source → transform so an error or early close on either side tears down both. */
function decryptInto<T extends Transform>(source: Readable, transform: T): T {
  pipeline(source, transform, () => {
    // Errors surface on `transform`, which is what the caller reads.
  });
  return transform;
}

function createSliceStream(skip: number, take: number): Transform {
  let toSkip = skip;
  let toTake = take;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      let piece = chunk;
      if (toSkip > 0) {
        const skipped = Math.min(toSkip, piece.length);
        piece = piece.subarray(skipped);
        toSkip -= skipped;
      }
      if (toTake > 0 && piece.length > 0) {
        const taken = piece.subarray(0, Math.min(toTake, piece.length));
        toTake -= taken.length;
        callback(null, taken);
        return;
      }
      callback();
    },
  });
}
