import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { isAppError } from '../../platform/errors/index.js';
import type { ModelLimits } from './limits.js';
import { modelTooLarge, unprocessableModel, unsupportedModel } from './models.errors.js';

/**
 * A zip opened with its limits checked before anything is inflated: entry count from the central
 * directory, each entry's declared compression ratio, and the total declared size of what we read.
 * While reading, the actual inflated bytes are counted too, since declared sizes can lie.
 */
export interface ZipArchive {
  /** Entry names as stored (without a leading slash), keyed by lower-case name for OPC's case-insensitive names. */
  names(): string[];
  has(name: string): boolean;
  read(name: string): AsyncIterable<Uint8Array>;
  close(): void;
}

/**
 * Opens a zip from a file the caller already has (the CLI's model on disk) or from bytes held in
 * memory (an upload or a vault read): a confidential model is never written out in the clear to unzip it.
 */
export async function openZipArchive(source: string | Buffer, limits: ModelLimits): Promise<ZipArchive> {
  // yauzl loads with the first zipped model (3MF) opened, not with every analysis.
  const { default: yauzl } = await import('yauzl');
  const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
  let zip: ZipFile;
  try {
    zip = await (typeof source === 'string' ? yauzl.openPromise(source, options) : yauzl.fromBufferPromise(source, options));
  } catch (error) {
    throw unprocessableModel(`The 3MF file is not a readable zip archive (${describe(error)}).`);
  }
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw modelTooLarge(`The 3MF zip has ${zip.entryCount} entries; at most ${limits.maxZipEntries} are accepted.`, { entries: zip.entryCount });
    }
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(normalise(entry.fileName), entry);
    return createArchive(zip, entries, limits);
  } catch (error) {
    zip.close();
    throw wrapZipError(error);
  }
}

function createArchive(zip: ZipFile, entries: Map<string, Entry>, limits: ModelLimits): ZipArchive {
  let budget = limits.maxUncompressedBytes;
  return {
    names: () => [...entries.values()].map((e) => e.fileName),
    has: (name) => entries.has(normalise(name)),
    read: (name) => {
      const entry = entries.get(normalise(name));
      if (entry === undefined) throw unprocessableModel(`The 3MF file refers to "${name.slice(0, 200)}", which is not in the archive.`);
      checkEntry(entry, budget, limits);
      budget -= entry.uncompressedSize;
      return inflate(zip, entry);
    },
    close: () => zip.close(),
  };
}

function checkEntry(entry: Entry, budget: number, limits: ModelLimits): void {
  if (entry.isEncrypted()) throw unsupportedModel('The 3MF file contains encrypted parts, which we cannot read.');
  if (!entry.canDecodeFileData()) throw unsupportedModel(`The 3MF part "${entry.fileName}" uses a compression method we cannot read.`);
  const ratio = entry.compressedSize === 0 ? (entry.uncompressedSize === 0 ? 1 : Infinity) : entry.uncompressedSize / entry.compressedSize;
  if (ratio > limits.maxCompressionRatio) {
    throw modelTooLarge(
      `The 3MF part "${entry.fileName}" would inflate ${Math.round(ratio)} times its compressed size (limit ${limits.maxCompressionRatio}); the archive looks like a zip bomb.`,
      { ratio, maxCompressionRatio: limits.maxCompressionRatio },
    );
  }
  if (entry.uncompressedSize > budget) {
    throw modelTooLarge(`The 3MF parts inflate to more than ${limits.maxUncompressedBytes.toLocaleString('en-US')} bytes, the most accepted.`);
  }
}

async function* inflate(zip: ZipFile, entry: Entry): AsyncGenerator<Uint8Array> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw wrapZipError(error);
  }
  let seen = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      seen += bytes.byteLength;
      // yauzl also checks this, but only at the end; stop as soon as the entry lies about its size.
      if (seen > entry.uncompressedSize) throw unprocessableModel(`The 3MF part "${entry.fileName}" is larger than its zip entry declares.`);
      yield bytes;
    }
  } catch (error) {
    throw wrapZipError(error);
  } finally {
    stream.destroy();
  }
}

function normalise(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function wrapZipError(error: unknown): unknown {
  if (isAppError(error)) return error;
  return unprocessableModel(`The 3MF zip archive is corrupt (${describe(error)}).`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
