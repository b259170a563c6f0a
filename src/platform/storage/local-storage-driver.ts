/**
 * StorageDriver on a local directory (the embedded default, `./data/files`).
 *
 * Atomic and durable writes: bytes go to a hidden temporary name in the target's directory, are fsync'd,
 * then renamed (or hard-linked, for `overwrite: false`) onto the key and the directory is fsync'd. A crash
 * at any point leaves either the previous object or the new complete one; at worst a `.tmp-*` file that
 * is never listed or readable as a key (keys cannot start with '.') and that
 * `removeStaleTemporaryFiles` sweeps.
 *
 * Limitation of a directory tree: a key cannot also be a folder of other keys ("a" and "a/b" cannot
 * coexist); that is refused with AppError('conflict'). Meshvault's own key scheme never does it.
 */
import { constants, createReadStream, type Stats } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, readdir, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../errors/index.js';
import type { StorageBody, StorageDriver, StorageObjectInfo, StoragePutOptions, StorageRange } from './storage-driver.js';
import { piecesOf, writeBatched } from './batched-file-writer.js';
import { assertStorageKey, assertStoragePrefix } from './storage-key.js';

const TEMP_PREFIX = '.tmp-';
const READ_HIGH_WATER_MARK = 256 * 1024;

export interface LocalStorageDriverOptions {
  /** Directory that holds the objects; created on first write. */
  rootDir: string;
}

export interface LocalStorageDriver extends StorageDriver {
  readonly rootDir: string;
  /** Deletes temporary files left by writes that crashed, if older than `olderThanMs`. Returns how many. */
  removeStaleTemporaryFiles(olderThanMs: number, now?: Date): Promise<number>;
}

export function createLocalStorageDriver(options: LocalStorageDriverOptions): LocalStorageDriver {
  const rootDir = resolve(options.rootDir);

  function pathForKey(key: string): string {
    assertStorageKey(key);
    const path = join(rootDir, ...key.split('/'));
    // The key grammar already forbids '..'; this guards against a future change to it.
    if (!path.startsWith(rootDir + sep)) {
      throw new AppError('bad_request', 'Invalid storage key: it points outside the storage directory.');
    }
    return path;
  }

  async function put(key: string, body: StorageBody, putOptions: StoragePutOptions = {}): Promise<{ size: number }> {
    return putAfterCopy(key, undefined, body, putOptions);
  }

  /** `put`, the object's bytes being those of the file at `copyOf` (when given) followed by `body`. */
  async function putAfterCopy(key: string, copyOf: string | undefined, body: StorageBody, putOptions: StoragePutOptions = {}): Promise<{ size: number }> {
    const target = pathForKey(key);
    const overwrite = putOptions.overwrite ?? true;
    const { tempPath, size } = await writeTemporaryFile(dirname(target), body, copyOf);
    try {
      if (overwrite) {
        await rename(tempPath, target);
      } else {
        // link() fails with EEXIST instead of replacing, which makes "create if absent" atomic.
        await link(tempPath, target);
        await unlink(tempPath);
      }
    } catch (error) {
      await unlink(tempPath).catch(ignoreError);
      if (hasCode(error, 'EEXIST') && !overwrite) {
        throw new AppError('conflict', 'A stored object already exists under this key.', { key });
      }
      if (hasCode(error, 'EISDIR') || hasCode(error, 'ENOTEMPTY') || hasCode(error, 'EEXIST')) {
        throw new AppError('conflict', 'This storage key is already used as a folder of other keys.', { key });
      }
      throw error;
    }
    await fsyncDirectory(dirname(target));
    return { size };
  }

  async function compose(
    key: string,
    sourceKeys: readonly string[],
    putOptions?: StoragePutOptions,
  ): Promise<{ size: number }> {
    const sourcePaths = sourceKeys.map(pathForKey);
    // The first part (an upload's is every whole chunk of its first body, often all but the last
    // megabyte) is copied by the kernel: copy_file_range, or shared blocks where the file system has
    // them, so none of its bytes pass through this process. Joining a 1 GiB upload took 1–2.9 s and
    // as much CPU through read and write, against about 0.6 s for fs.copyFile (issue #12).
    const [first, ...rest] = sourcePaths;
    async function* concatenate(): AsyncGenerator<Uint8Array> {
      for (const sourcePath of rest) {
        for await (const chunk of createReadStream(sourcePath, { highWaterMark: READ_HIGH_WATER_MARK })) {
          yield chunk as Buffer;
        }
      }
    }
    try {
      return await putAfterCopy(key, first, concatenate(), putOptions);
    } catch (error) {
      // Parts are looked for only when the join fails (not stat'ed beforehand, which a concurrent
      // delete could outrun anyway): a part that is gone, or is a folder, is the reason to report.
      if (error instanceof AppError) throw error;
      for (const [index, sourcePath] of sourcePaths.entries()) {
        if (!(await isFile(sourcePath))) throw new AppError('not_found', 'A part to join does not exist in storage.', { key: sourceKeys[index] });
      }
      throw error;
    }
  }

  async function read(key: string, range?: StorageRange): Promise<Readable> {
    const path = pathForKey(key);
    const handle = await open(path, 'r').catch((error: unknown) => {
      if (isMissing(error)) throw notFound(key);
      throw error;
    });
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw notFound(key);
      const { start, end } = resolveRange(range, info.size);
      if (end < start) {
        await handle.close();
        return Readable.from([]);
      }
      return handle.createReadStream({ start, end, highWaterMark: READ_HIGH_WATER_MARK });
    } catch (error) {
      await handle.close().catch(ignoreError);
      throw error;
    }
  }

  async function statObject(key: string): Promise<StorageObjectInfo | null> {
    const path = pathForKey(key);
    try {
      const info = await stat(path);
      return info.isFile() ? { key, size: info.size, modifiedAt: info.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function deleteObject(key: string): Promise<boolean> {
    const path = pathForKey(key);
    try {
      await unlink(path);
    } catch (error) {
      if (isMissing(error) || hasCode(error, 'EISDIR') || hasCode(error, 'EPERM')) return false;
      throw error;
    }
    await fsyncDirectory(dirname(path));
    await removeEmptyParents(rootDir, dirname(path));
    return true;
  }

  async function* list(prefix: string): AsyncGenerator<StorageObjectInfo> {
    assertStoragePrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const folderKey = prefix.slice(0, slash + 1);
    const namePrefix = prefix.slice(slash + 1);
    const folderPath = folderKey === '' ? rootDir : join(rootDir, ...folderKey.slice(0, -1).split('/'));
    yield* walk(folderPath, folderKey, namePrefix);
  }

  async function removeStaleTemporaryFiles(olderThanMs: number, now = new Date()): Promise<number> {
    let removed = 0;
    async function sweep(dir: string): Promise<void> {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          await sweep(path);
        } else if (entry.name.startsWith(TEMP_PREFIX)) {
          const info = await lstat(path).catch(() => null);
          if (info && now.getTime() - info.mtime.getTime() > olderThanMs) {
            await unlink(path).catch(ignoreError);
            removed += 1;
          }
        }
      }
    }
    await sweep(rootDir);
    return removed;
  }

  return {
    rootDir,
    put,
    compose,
    read,
    stat: statObject,
    exists: async (key) => (await statObject(key)) !== null,
    delete: deleteObject,
    list,
    removeStaleTemporaryFiles,
  };
}

async function writeTemporaryFile(
  directory: string,
  body: StorageBody,
  copyOf?: string,
): Promise<{ tempPath: string; size: number }> {
  const tempPath = join(directory, `${TEMP_PREFIX}${randomUUID()}`);
  let handle: FileHandle | undefined;
  try {
    handle = copyOf === undefined ? await openTemporaryFile(directory, tempPath) : await copyToTemporaryFile(directory, copyOf, tempPath);
    const copied = copyOf === undefined ? 0 : (await handle.stat()).size;
    const size = copied + (await writeBatched(handle, iterateBody(body)));
    await handle.sync();
    await handle.close();
    return { tempPath, size };
  } catch (error) {
    await handle?.close().catch(ignoreError);
    await unlink(tempPath).catch(ignoreError);
    if (hasCode(error, 'ENOSPC') || hasCode(error, 'EDQUOT')) {
      throw new AppError('unavailable', 'The storage disk is full; free space or extend the volume, then retry.');
    }
    throw error;
  }
}

async function openTemporaryFile(directory: string, tempPath: string): Promise<FileHandle> {
  return inDirectory(directory, () => open(tempPath, 'wx', 0o600));
}

/** A new temporary file holding a copy of `source`, opened to append to it. */
async function copyToTemporaryFile(directory: string, source: string, tempPath: string): Promise<FileHandle> {
  return inDirectory(directory, async () => {
    await copyFile(source, tempPath, constants.COPYFILE_EXCL);
    const handle = await open(tempPath, 'a');
    // The copy takes its source's mode; a stored object is the owner's alone whatever that was.
    await handle.chmod(0o600);
    return handle;
  });
}

async function inDirectory<T>(directory: string, create: () => Promise<T>): Promise<T> {
  // A concurrent delete may prune the (then empty) folder between mkdir and create: retry a few times.
  for (let attempt = 0; ; attempt += 1) {
    await ensureDirectory(directory);
    try {
      return await create();
    } catch (error) {
      // Only a folder that went away is worth another try (a missing source file stays missing).
      if (hasCode(error, 'ENOENT') && attempt < 3 && !(await isDirectory(directory))) continue;
      throw error;
    }
  }
}

async function ensureDirectory(directory: string): Promise<void> {
  let firstCreated: string | undefined;
  try {
    firstCreated = await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    if (hasCode(error, 'ENOTDIR') || hasCode(error, 'EEXIST')) {
      throw new AppError('conflict', 'A parent folder of this storage key is already a stored object.');
    }
    throw error;
  }
  if (firstCreated === undefined) return;
  // New folders are only durable once the folder holding each of them is fsync'd.
  const toSync = [dirname(firstCreated)];
  for (let current = directory; ; current = dirname(current)) {
    toSync.push(current);
    if (current === firstCreated || dirname(current) === current) break;
  }
  for (const path of toSync) await fsyncDirectory(path);
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function removeEmptyParents(rootDir: string, directory: string): Promise<void> {
  for (let current = directory; current.startsWith(rootDir + sep); current = dirname(current)) {
    try {
      await rmdir(current);
    } catch {
      return; // not empty (or already gone): the folders above are not empty either
    }
  }
}

async function* walk(folderPath: string, folderKey: string, namePrefix: string): AsyncGenerator<StorageObjectInfo> {
  const entries = await readdir(folderPath, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  // A folder "a" sorts as "a/" so that the walk yields keys in plain ascending string order (as S3 does).
  const ordered = entries
    .filter((entry) => entry.name.startsWith(namePrefix) && !entry.name.startsWith('.'))
    .map((entry) => ({ entry, sortKey: entry.isDirectory() ? `${entry.name}/` : entry.name }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  for (const { entry } of ordered) {
    const path = join(folderPath, entry.name);
    if (entry.isDirectory()) {
      yield* walk(path, `${folderKey}${entry.name}/`, '');
    } else if (entry.isFile()) {
      const info = await stat(path).catch(() => null);
      if (info) yield { key: `${folderKey}${entry.name}`, size: info.size, modifiedAt: info.mtime };
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await statOrNull(path))?.isFile() ?? false;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await statOrNull(path))?.isDirectory() ?? false;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function* iterateBody(body: StorageBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  const pieces = body instanceof Readable ? piecesOf(body) : (body as AsyncIterable<unknown>);
  for await (const chunk of pieces) {
    if (!(chunk instanceof Uint8Array)) {
      throw new AppError('bad_request', 'Storage bodies must be binary; a text chunk was given.');
    }
    yield chunk;
  }
}

function resolveRange(range: StorageRange | undefined, size: number): { start: number; end: number } {
  if (range === undefined) return { start: 0, end: size - 1 };
  const { offset, length } = range;
  if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
    throw new AppError('bad_request', 'A byte range needs a non-negative integer offset and length.');
  }
  if (offset > size) {
    throw new AppError('bad_request', 'The byte range starts past the end of the stored object.', { offset, size });
  }
  const end = length === undefined ? size : Math.min(size, offset + length);
  return { start: offset, end: end - 1 };
}

function notFound(key: string): AppError {
  return new AppError('not_found', 'No stored object exists under this key.', { key });
}

function isMissing(error: unknown): boolean {
  return hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR');
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function ignoreError(): void {}
