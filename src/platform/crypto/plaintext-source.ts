/**
 * What the vault's `writeFile` encrypts, opened as the pieces it pulls one at a time: bytes as they are,
 * a stream's pieces as the stream pushes them (no joining copy), and a file on disk read into two reused
 * buffers, one piece ahead (a stream would allocate every piece anew, which costs a page fault per 4 KiB).
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
 * The file's bytes, a record's worth at a time, read one piece ahead: while the caller encrypts one
 * piece, the next is already being read into a second buffer, so reading overlaps with the work. The
 * two buffers are reused for every read and wiped at the end.
 */
async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new AppError('bad_request', 'The file to encrypt does not exist.');
    throw error;
  });
  const buffers = [Buffer.allocUnsafeSlow(VAULT_CHUNK_SIZE), Buffer.allocUnsafeSlow(VAULT_CHUNK_SIZE)] as const;
  const readInto = (buffer: Buffer): Promise<Buffer> =>
    handle.read(buffer, 0, buffer.length, null).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
  let next = readInto(buffers[0]);
  try {
    for (let turn = 1; ; turn += 1) {
      const piece = await next;
      if (piece.length === 0) return;
      // The other buffer's piece was used before this one was asked for: it may be read into now.
      next = readInto(buffers[turn % 2]!);
      yield piece;
    }
  } finally {
    await next.catch(() => {});
    for (const buffer of buffers) buffer.fill(0);
    await handle.close();
  }
}
