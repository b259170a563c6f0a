/**
 * What the vault's `writeFile` encrypts, opened as the pieces it pulls one at a time: bytes as they are,
 * a stream's pieces as the stream pushes them (no joining copy), and a file on disk read into two reused
 * buffers in turn (a stream would allocate every piece anew, which costs a page fault per 4 KiB).
 */
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '../errors/index.js';
import { piecesOf } from '../storage/index.js';
import { VAULT_CHUNK_SIZE } from './chunk-format.js';

export type PlaintextSource = Readable | AsyncIterable<Uint8Array> | Uint8Array;

/** A plaintext file the caller already has on disk (a generated export, say); the vault reads it itself. */
export interface PlaintextFile {
  path: string;
}

/** What `writeFile` encrypts: bytes, a stream of them, or a file on disk. */
export type VaultWriteSource = PlaintextSource | PlaintextFile;

export interface OpenedPlaintext {
  /** Each piece may be a view of a reused buffer: use it before asking for the next one. */
  pieces: AsyncIterable<unknown>;
  /** Releases the source if the pieces were not read to the end (a failed write). */
  close(): void;
}

export function openPlaintext(source: VaultWriteSource): OpenedPlaintext {
  if (source instanceof Uint8Array) return { pieces: toAsync([source]), close: () => {} };
  if (source instanceof Readable) {
    // Until the writer starts pulling, an early error stays in `errored` (piecesOf reports it) instead
    // of crashing the process for want of a listener.
    const keepForLater = (): void => {};
    source.on('error', keepForLater);
    return {
      // Two pieces waiting are enough to keep the encryptor busy, and bound memory for large pieces.
      pieces: piecesOf(source, 2),
      close: () => {
        source.off('error', keepForLater);
        if (!source.readableEnded) source.destroy();
      },
    };
  }
  if (Symbol.asyncIterator in source) return { pieces: source, close: () => {} };
  if (typeof source.path === 'string') return { pieces: fileBytes(source.path), close: () => {} };
  throw new AppError('bad_request', 'The vault encrypts bytes, a stream of bytes or a file.');
}

async function* toAsync(pieces: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* pieces;
}

/**
 * The file's bytes, a record's worth at a time, in two buffers used in turn and wiped at the end: while
 * the caller encrypts one, the next read is already under way on the thread pool, so the encryption does
 * not wait for each read (a 512 MiB write from a path: 475–516 → 630–650 MB/s with the storage driver's
 * early flush; issue #12).
 */
async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new AppError('bad_request', 'The file to encrypt does not exist.');
    throw error;
  });
  const buffers = [Buffer.allocUnsafeSlow(VAULT_CHUNK_SIZE), Buffer.allocUnsafeSlow(VAULT_CHUNK_SIZE)];
  let turn = 0;
  const readInto = (index: number) => handle.read(buffers[index]!, 0, VAULT_CHUNK_SIZE, null);
  let reading = readInto(turn);
  try {
    for (;;) {
      const { bytesRead, buffer } = await reading;
      if (bytesRead === 0) return;
      // The caller is done with the other buffer once it asks for this one (see OpenedPlaintext).
      turn = 1 - turn;
      reading = readInto(turn);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still under way must finish before its buffer is wiped and the file closed.
    await reading.catch(() => undefined);
    for (const buffer of buffers) buffer.fill(0);
    await handle.close();
  }
}
