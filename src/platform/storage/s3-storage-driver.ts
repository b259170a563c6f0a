/**
 * StorageDriver on an S3-compatible object store (AWS S3, MinIO, Ceph, R2, s3rver in the tests), for
 * installations with several API processes: every process reads and writes the same bucket.
 *
 * The store only ever receives what platform/crypto already encrypted (chunk records, sealed upload
 * tails): the bucket's operator sees sizes and timings, never plaintext.
 *
 * How the interface's promises are kept:
 * - put: an object appears only when PutObject or CompleteMultipartUpload succeeds, both atomic in S3;
 *   a body that fails part-way aborts its multipart upload, so nothing (or the previous object) stays.
 *   S3 needs the length up front, so bodies are cut into parts of `partSize` bytes in memory: at most
 *   one part per write is held, whatever the object's size. A body under one part is a single PutObject.
 * - overwrite: false sends `If-None-Match: *` (atomic on AWS S3, MinIO, R2). Stores that ignore it
 *   (s3rver) are also checked with a HEAD first; the remaining race is closed by the upload writer
 *   lease in the files module, which lets one process write an upload's parts at a time.
 * - compose: a streamed copy through this process (the parts of a resumable upload can be as small as
 *   one 64 KiB chunk, below S3's 5 MiB minimum for a server-side UploadPartCopy).
 * - list: ListObjectsV2 pages, ascending key order as S3 returns it.
 */
import {
  CreateMultipartUploadCommand,
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { AppError } from '../errors/index.js';
import type { StorageBody, StorageDriver, StorageObjectInfo, StoragePutOptions, StorageRange } from './storage-driver.js';
import { assertStorageKey, assertStoragePrefix } from './storage-key.js';

/** S3's smallest part (but the last) of a multipart upload. */
const MIN_PART_SIZE = 5 * 1024 * 1024;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export interface S3StorageDriverOptions {
  bucket: string;
  /** Prepended to every key, e.g. "meshvault/" ('' for the bucket's root); ends with '/' when set. */
  prefix: string;
  region: string;
  /** For S3-compatible stores other than AWS, e.g. http://minio:9000. */
  endpoint?: string | undefined;
  /** Path-style URLs (endpoint/bucket/key), which MinIO, s3rver and most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Omitted: the SDK's default chain (environment, instance or task role, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Bytes per multipart part, at least 5 MiB (default 8 MiB). */
  partSize?: number;
}

export interface S3StorageDriver extends StorageDriver {
  readonly bucket: string;
  readonly prefix: string;
  /** Fails unless the bucket answers with these credentials (a start-up check). */
  checkReachable(): Promise<void>;
  close(): void;
}

export function createS3StorageDriver(options: S3StorageDriverOptions): S3StorageDriver {
  const { bucket, prefix } = options;
  const partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE);
  if (prefix !== '') assertStoragePrefix(prefix);
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });

  function objectKey(key: string): string {
    assertStorageKey(key);
    return prefix + key;
  }

  async function put(key: string, body: StorageBody, putOptions: StoragePutOptions = {}): Promise<{ size: number }> {
    const Key = objectKey(key);
    const overwrite = putOptions.overwrite ?? true;
    if (!overwrite && (await headObject(Key)) !== null) throw alreadyExists(key);
    const condition = overwrite ? {} : { IfNoneMatch: '*' };
    const parts = cutIntoParts(body, partSize);
    const first = await parts.next();
    const firstBytes = first.done ? Buffer.alloc(0) : first.value;
    const second = first.done ? first : await parts.next();
    if (second.done) {
      await send(() => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: firstBytes, ContentLength: firstBytes.length, ...condition })), key);
      return { size: firstBytes.length };
    }
    const { UploadId } = await send(() => client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key })), key);
    if (!UploadId) throw new AppError('unavailable', 'The object store did not start a multipart upload.', { key });
    try {
      const completed: CompletedPart[] = [];
      let size = 0;
      const upload = async (bytes: Buffer) => {
        const PartNumber = completed.length + 1;
        const answer = await send(
          () => client.send(new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber, Body: bytes, ContentLength: bytes.length })),
          key,
        );
        completed.push({ PartNumber, ETag: answer.ETag });
        size += bytes.length;
      };
      await upload(firstBytes);
      await upload(second.value);
      for await (const bytes of parts) await upload(bytes);
      await send(
        () => client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key, UploadId, MultipartUpload: { Parts: completed }, ...condition })),
        key,
      );
      return { size };
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key, UploadId })).catch(ignoreError);
      throw error;
    }
  }

  async function compose(key: string, sourceKeys: readonly string[], putOptions?: StoragePutOptions): Promise<{ size: number }> {
    for (const source of sourceKeys) {
      if ((await headObject(objectKey(source))) === null) {
        throw new AppError('not_found', 'A part to join does not exist in storage.', { key: source });
      }
    }
    async function* concatenate(): AsyncGenerator<Uint8Array> {
      for (const source of sourceKeys) {
        for await (const chunk of await read(source)) yield chunk as Buffer;
      }
    }
    return put(key, concatenate(), putOptions);
  }

  async function read(key: string, range?: StorageRange): Promise<Readable> {
    const Key = objectKey(key);
    let Range: string | undefined;
    if (range !== undefined) {
      const { offset, length } = range;
      if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
        throw new AppError('bad_request', 'A byte range needs a non-negative integer offset and length.');
      }
      // S3 has no empty range and refuses one that starts at the end: the size decides those first.
      const info = await headObject(Key);
      if (info === null) throw notFound(key);
      if (offset > info.size) {
        throw new AppError('bad_request', 'The byte range starts past the end of the stored object.', { offset, size: info.size });
      }
      if (length === 0 || offset === info.size) return Readable.from([]);
      Range = length === undefined ? `bytes=${offset}-` : `bytes=${offset}-${offset + length - 1}`;
    }
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key, ...(Range ? { Range } : {}) }));
      if (!(answer.Body instanceof Readable)) return Readable.from([]);
      return answer.Body;
    } catch (error) {
      if (isMissing(error)) throw notFound(key);
      throw unavailable(error, key);
    }
  }

  async function headObject(Key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    try {
      const answer = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
      return { size: answer.ContentLength ?? 0, modifiedAt: answer.LastModified ?? new Date(0) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailable(error, Key.slice(prefix.length));
    }
  }

  async function statObject(key: string): Promise<StorageObjectInfo | null> {
    const info = await headObject(objectKey(key));
    return info === null ? null : { key, ...info };
  }

  async function deleteObject(key: string): Promise<boolean> {
    const Key = objectKey(key);
    // S3 answers a delete of a missing key with success too: the HEAD tells what the interface promises.
    if ((await headObject(Key)) === null) return false;
    await send(() => client.send(new DeleteObjectCommand({ Bucket: bucket, Key })), key);
    return true;
  }

  async function* list(listPrefix: string): AsyncGenerator<StorageObjectInfo> {
    assertStoragePrefix(listPrefix);
    let ContinuationToken: string | undefined;
    do {
      const page = await send(
        () => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix + listPrefix, ...(ContinuationToken ? { ContinuationToken } : {}) })),
        listPrefix,
      );
      // S3 pages come in binary key order already; some compatible stores (s3rver) walk a directory tree
      // instead, so each page is sorted again (a no-op on S3) to keep the promised order.
      const objects = (page.Contents ?? []).flatMap((object) =>
        object.Key === undefined ? [] : [{ key: object.Key.slice(prefix.length), size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) }],
      );
      yield* objects.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async function checkReachable(): Promise<void> {
    // A listing names a missing bucket (NoSuchBucket) where a HEAD gives a bare 404. It lists a prefix
    // no object has: the answer is empty whatever the bucket holds, and never a truncated page (s3rver
    // fails MaxKeys listings that are truncated with a 500, so a second process could not start).
    await send(() => client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}.reachable/`, MaxKeys: 1 })), prefix);
  }

  return {
    bucket,
    prefix,
    put,
    compose,
    read,
    stat: statObject,
    exists: async (key) => (await statObject(key)) !== null,
    delete: deleteObject,
    list,
    checkReachable,
    close: () => client.destroy(),
  };
}

/** Regroups any body into Buffers of exactly `size` bytes (the last one shorter); refuses text chunks. */
async function* cutIntoParts(body: StorageBody, size: number): AsyncGenerator<Buffer> {
  if (body instanceof Uint8Array) {
    for (let start = 0; start < body.byteLength || start === 0; start += size) {
      yield Buffer.from(body.buffer, body.byteOffset + start, Math.min(size, body.byteLength - start));
      if (body.byteLength === 0) return;
    }
    return;
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of body as AsyncIterable<unknown>) {
    if (!(chunk instanceof Uint8Array)) throw new AppError('bad_request', 'Storage bodies must be binary; a text chunk was given.');
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (pendingBytes + bytes.length >= size) {
      const take = size - pendingBytes;
      pending.push(bytes.subarray(0, take));
      yield Buffer.concat(pending, size);
      bytes = bytes.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (bytes.length > 0) {
      // Copied: a stream may reuse the memory of a chunk it has handed over.
      pending.push(Buffer.from(bytes));
      pendingBytes += bytes.length;
    }
  }
  if (pendingBytes > 0 || pending.length === 0) yield Buffer.concat(pending, pendingBytes);
}

async function send<T>(call: () => Promise<T>, key: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (statusOf(error) === 412 || nameOf(error) === 'PreconditionFailed') throw alreadyExists(key);
    throw unavailable(error, key);
  }
}

function unavailable(error: unknown, key: string): unknown {
  if (error instanceof AppError) return error;
  const status = statusOf(error);
  // 4xx other than the ones handled are configuration problems (bucket, credentials); 5xx and network errors are outages.
  return new AppError('unavailable', `The object store refused or failed the request (${nameOf(error) ?? 'error'}${status ? `, HTTP ${status}` : ''}).`, {
    key,
  });
}

function alreadyExists(key: string): AppError {
  return new AppError('conflict', 'A stored object already exists under this key.', { key });
}

function notFound(key: string): AppError {
  return new AppError('not_found', 'No stored object exists under this key.', { key });
}

function isMissing(error: unknown): boolean {
  const name = nameOf(error);
  if (name === 'NoSuchBucket') return false; // a configuration problem, not a missing object
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

function nameOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode : undefined;
}

function ignoreError(): void {}
