/**
 * Where Meshvault keeps file bytes (already encrypted by platform/crypto: a driver never sees plaintext).
 *
 * The interface is deliberately the intersection of what a local directory and an S3-compatible object
 * store can both promise, so an S3 driver can be added without changing callers:
 * - objects are written whole (`put`) and become visible atomically: a reader sees the old object, no
 *   object, or the complete new one, never a prefix of it;
 * - there is no in-place append (S3 has none). A resumable upload stores each acknowledged piece as its
 *   own object ("part") and joins them with `compose` at the end (S3: multipart upload with
 *   UploadPartCopy; local: a streamed concatenation). Since every part is durable once `put` resolves,
 *   an upload survives the process being killed: after a restart `list(prefix)` tells which parts exist;
 * - keys are `/`-separated names validated by `assertStorageKey` (no `..`, no absolute paths).
 */
import type { Readable } from 'node:stream';

/** What `put` accepts: a Node stream, any async iterable of bytes (e.g. a Transform's output), or bytes. */
export type StorageBody = Readable | AsyncIterable<Uint8Array> | Uint8Array;

export interface StoragePutOptions {
  /**
   * false: fail with AppError('conflict') when the key already exists (S3: `If-None-Match: *`).
   * Used for upload parts so two racing writers cannot silently replace each other's data. Default true.
   */
  overwrite?: boolean;
}

/** A byte range: `offset` from the start, `length` bytes (to the end of the object when omitted). */
export interface StorageRange {
  offset: number;
  length?: number;
}

export interface StorageObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface StorageDriver {
  /**
   * Stores the whole body under `key`. Resolves only when the object is durable (fsync'd, or acknowledged
   * by the object store) and visible; if the body fails or the process dies first, nothing is visible
   * under `key` (a previous object under it stays intact). Resolves with the number of bytes written.
   */
  put(key: string, body: StorageBody, options?: StoragePutOptions): Promise<{ size: number }>;

  /**
   * Writes the concatenation of `sourceKeys`, in order, as one new object under `key`, with the same
   * atomicity and durability as `put`. The sources are left in place (the caller deletes them).
   * (An S3 driver can do this server-side with UploadPartCopy when every source but the last is at least
   * 5 MiB, and must fall back to a streamed copy otherwise: upload parts can be as small as one chunk.)
   */
  compose(key: string, sourceKeys: readonly string[], options?: StoragePutOptions): Promise<{ size: number }>;

  /**
   * Streams the object, or a byte range of it. Rejects with AppError('not_found') when the key is
   * absent, and AppError('bad_request') for a range that starts past the end.
   */
  read(key: string, range?: StorageRange): Promise<Readable>;

  /** Size and modification time, or null when the key is absent. */
  stat(key: string): Promise<StorageObjectInfo | null>;

  exists(key: string): Promise<boolean>;

  /**
   * Removes the object; resolves true if it existed, false if it did not (deleting is idempotent so a
   * retried erasure does not fail). Durable when it resolves.
   */
  delete(key: string): Promise<boolean>;

  /**
   * Every object whose key starts with `prefix` (a plain string prefix, as in S3, not only a folder), in
   * ascending key order. Streams: a huge listing is never held in memory at once.
   */
  list(prefix: string): AsyncIterable<StorageObjectInfo>;
}
