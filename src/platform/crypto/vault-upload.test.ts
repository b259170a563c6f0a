import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorageDriver, type StorageDriver } from '../storage/index.js';
import { createChunkEncryptor } from './chunk-encryptor.js';
import { HEADER_SIZE, VAULT_CHUNK_SIZE as C, VAULT_FORMAT_V1 } from './chunk-format.js';
import { unwrapDataKey } from './data-key.js';
import { loadOrCreateMasterKeys } from './master-key-file.js';
import { createVault } from './vault.js';
import { openUploadTail, sealUploadTail } from './upload-tail.js';
import { createVaultUploads } from './vault-upload.js';

let tempDir: string;

beforeEach(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'meshvault-upload-'));
});

afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

/** A fresh "process": new driver, key ring loaded from the key file, nothing shared in memory. */
async function startProcess(wrapStorage: (driver: StorageDriver) => StorageDriver = (driver) => driver) {
  const storage = wrapStorage(createLocalStorageDriver({ rootDir: join(tempDir, 'files') }));
  const masterKeys = await loadOrCreateMasterKeys({ dataDir: join(tempDir, 'data') });
  return { storage, uploads: createVaultUploads({ storage, masterKeys }), vault: createVault({ storage, masterKeys }) };
}

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A client connection that sends `data` and then drops. */
function droppingBody(data: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield data.subarray(0, Math.floor(data.length / 2));
      yield data.subarray(Math.floor(data.length / 2));
      throw new Error('connection reset by peer');
    })(),
    { objectMode: false },
  );
}

async function listKeys(storage: StorageDriver, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of storage.list(prefix)) keys.push(info.key);
  return keys;
}

describe('resumable vault uploads', () => {
  it('resumes across process restarts and records the real SHA-256 of the whole file', async () => {
    const plaintext = randomBytes(6 * C + 1234);
    let process1: Awaited<ReturnType<typeof startProcess>> | undefined = await startProcess();
    const { wrappedKey } = process1.uploads.begin(); // the caller stores this with its upload row
    const first = await process1.uploads.append('up/file', wrappedKey, {
      offset: 0,
      body: plaintext.subarray(0, 2 * C + 100),
      isLast: false,
    });
    expect(first).toEqual({ offset: 2 * C + 100, interrupted: false }); // the partial chunk is kept, sealed
    process1 = undefined; // "kill" the process: every key, buffer and encryptor in memory is gone
    expect(process1).toBeUndefined();

    const process2 = await startProcess();
    expect(await process2.uploads.status('up/file')).toEqual({ offset: 2 * C + 100, state: 'receiving' });
    // The client drops mid-request: every byte it delivered is kept.
    const second = await process2.uploads.append('up/file', wrappedKey, {
      offset: 2 * C + 100,
      body: droppingBody(plaintext.subarray(2 * C + 100, 4 * C + 7)),
      isLast: false,
    });
    expect(second).toEqual({ offset: 4 * C + 7, interrupted: true });

    const process3 = await startProcess();
    expect(await process3.uploads.status('up/file')).toEqual({ offset: 4 * C + 7, state: 'receiving' });
    const last = await process3.uploads.append('up/file', wrappedKey, {
      offset: 4 * C + 7,
      body: Readable.from([plaintext.subarray(4 * C + 7, 5 * C + 3), plaintext.subarray(5 * C + 3)]),
      isLast: true,
      totalSize: plaintext.length,
    });
    expect(last.offset).toBe(plaintext.length);
    expect(last.file?.sha256).toBe(sha256(plaintext));
    expect(last.file?.plaintextSize).toBe(plaintext.length);
    expect(last.file?.wrappedKey).toBe(wrappedKey);

    const process4 = await startProcess();
    expect((await collect(await process4.vault.readFile('up/file', wrappedKey))).equals(plaintext)).toBe(true);
    expect(await process4.uploads.status('up/file')).toEqual({ offset: plaintext.length, state: 'completed' });
    expect(await listKeys(process4.storage, 'up/')).toEqual(['up/file']); // parts are gone
    // complete() is idempotent
    expect((await process4.uploads.complete('up/file', wrappedKey)).sha256).toBe(sha256(plaintext));
  });

  it('refuses an append at the wrong offset or after the last byte', async () => {
    const { uploads } = await startProcess();
    const { wrappedKey } = uploads.begin();
    await uploads.append('o', wrappedKey, { offset: 0, body: randomBytes(C), isLast: false });
    await expect(uploads.append('o', wrappedKey, { offset: 0, body: randomBytes(C), isLast: false })).rejects.toMatchObject({
      code: 'conflict',
      details: { expectedOffset: C },
    });
    await uploads.append('o', wrappedKey, { offset: C, body: randomBytes(5), isLast: true });
    await expect(uploads.append('o', wrappedKey, { offset: C + 5, body: randomBytes(1), isLast: false })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('keeps what arrived of a last piece that drops, and nothing of one that ends at the wrong size', async () => {
    const { uploads, storage } = await startProcess();
    const { wrappedKey } = uploads.begin();
    await uploads.append('l', wrappedKey, { offset: 0, body: randomBytes(2 * C), isLast: false });
    const dropped = await uploads.append('l', wrappedKey, { offset: 2 * C, body: droppingBody(randomBytes(C + 10)), isLast: true, totalSize: 4 * C });
    expect(dropped).toEqual({ offset: 3 * C + 10, interrupted: true });
    expect(await uploads.status('l')).toEqual({ offset: 3 * C + 10, state: 'receiving' });
    await expect(
      uploads.append('l', wrappedKey, { offset: 3 * C + 10, body: randomBytes(10), isLast: true, totalSize: 4 * C }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    await expect(
      uploads.append('l', wrappedKey, { offset: 3 * C + 10, body: randomBytes(C), isLast: false, totalSize: 4 * C }),
    ).rejects.toMatchObject({ code: 'bad_request' }); // past the declared size
    expect(await uploads.status('l')).toEqual({ offset: 3 * C + 10, state: 'receiving' });
    expect(await storage.exists('l')).toBe(false);
  });

  it('finishes the upload after a crash between storing the last part and joining the parts', async () => {
    const plaintext = randomBytes(C + 50);
    const crashing = await startProcess((driver) => ({
      ...driver,
      compose: async () => {
        throw new Error('killed before compose');
      },
    }));
    const { wrappedKey } = crashing.uploads.begin();
    await expect(
      crashing.uploads.append('c', wrappedKey, { offset: 0, body: plaintext, isLast: true }),
    ).rejects.toThrow('killed before compose');

    const restarted = await startProcess();
    expect(await restarted.uploads.status('c')).toEqual({ offset: plaintext.length, state: 'received' });
    const file = await restarted.uploads.complete('c', wrappedKey);
    expect(file.sha256).toBe(sha256(plaintext));
    expect((await collect(await restarted.vault.readFile('c', wrappedKey))).equals(plaintext)).toBe(true);
  });

  it('hashes a file sent in one body as it arrives, and decrypts only one sent in several to hash it', async () => {
    const reads: string[] = [];
    const { uploads, vault } = await startProcess((driver) => ({
      ...driver,
      read: (key, range) => {
        reads.push(key);
        return driver.read(key, range);
      },
    }));
    const plaintext = randomBytes(3 * C + 1234);
    const one = uploads.begin();
    const whole = await uploads.append('one', one.wrappedKey, { offset: 0, body: Readable.from([plaintext.subarray(0, 5000), plaintext.subarray(5000)]), isLast: true, totalSize: plaintext.length });
    expect(whole.file).toMatchObject({ sha256: sha256(plaintext), plaintextSize: plaintext.length });
    // Only the header, for the size; never the records.
    expect(reads.filter((key) => key === 'one')).toHaveLength(1);
    expect((await collect(await vault.readFile('one', one.wrappedKey))).equals(plaintext)).toBe(true);

    const two = uploads.begin();
    await uploads.append('two', two.wrappedKey, { offset: 0, body: plaintext.subarray(0, C + 10), isLast: false });
    const reached = await uploads.append('two', two.wrappedKey, { offset: C + 10, body: plaintext.subarray(C + 10), isLast: true });
    expect(reached.file).toMatchObject({ sha256: sha256(plaintext), plaintextSize: plaintext.length });
    expect(reads.filter((key) => key === 'two').length).toBeGreaterThan(1);
  });

  it('refuses a join that does not hold every byte received, and keeps the parts', async () => {
    const losing = await startProcess((driver) => ({ ...driver, compose: (key, sources, options) => driver.compose(key, sources.slice(0, -1), options) }));
    const plaintext = randomBytes(2 * C + 77);
    for (const [key, bodies] of [['single', [plaintext]], ['several', [plaintext.subarray(0, C), plaintext.subarray(C)]]] as const) {
      const { wrappedKey } = losing.uploads.begin();
      let offset = 0;
      const last = bodies.length - 1;
      for (const [index, body] of bodies.entries()) {
        const sent = losing.uploads.append(key, wrappedKey, { offset, body, isLast: index === last });
        if (index < last) offset = (await sent).offset;
        else await expect(sent).rejects.toMatchObject({ code: 'unprocessable' });
      }
      expect(await losing.storage.exists(key)).toBe(false);
      expect(await losing.uploads.status(key)).toEqual({ offset: plaintext.length, state: 'received' });
    }
  });

  it('handles an empty file and a file that ends exactly on a chunk boundary', async () => {
    const { uploads, vault } = await startProcess();
    const empty = uploads.begin();
    const emptyResult = await uploads.append('e', empty.wrappedKey, { offset: 0, body: Buffer.alloc(0), isLast: true });
    expect(emptyResult.file?.sha256).toBe(sha256(Buffer.alloc(0)));

    const plaintext = randomBytes(2 * C);
    const aligned = uploads.begin();
    await uploads.append('a', aligned.wrappedKey, { offset: 0, body: plaintext, isLast: false });
    const done = await uploads.append('a', aligned.wrappedKey, { offset: 2 * C, body: Buffer.alloc(0), isLast: true });
    expect(done.file?.sha256).toBe(sha256(plaintext));
    expect((await collect(await vault.readFile('a', aligned.wrappedKey))).equals(plaintext)).toBe(true);
  });

  it('advances on pieces of any size, one byte too, and keeps only a sealed tail for less than a chunk', async () => {
    const plaintext = randomBytes(C + 300);
    const { uploads, storage, vault } = await startProcess();
    const { wrappedKey } = uploads.begin();
    expect(await uploads.append('small', wrappedKey, { offset: 0, body: plaintext.subarray(0, 100), isLast: false })).toEqual({
      offset: 100,
      interrupted: false,
    });
    expect(await listKeys(storage, 'small')).toEqual(['small.parts/tail-0000000000']); // no empty part
    let offset = 100;
    for (const size of [1, 1, 7, C - 20, 1]) {
      const result = await uploads.append('small', wrappedKey, { offset, body: plaintext.subarray(offset, offset + size), isLast: false, totalSize: plaintext.length });
      expect(result.offset).toBe(offset + size);
      offset += size;
    }
    expect(await listKeys(storage, 'small')).toEqual(['small.parts/0000000000', 'small.parts/tail-0000000001']);
    const last = await uploads.append('small', wrappedKey, { offset, body: plaintext.subarray(offset), isLast: true, totalSize: plaintext.length });
    expect(last.file?.sha256).toBe(sha256(plaintext));
    expect(await listKeys(storage, 'small')).toEqual(['small']);
    expect((await collect(await vault.readFile('small', wrappedKey))).equals(plaintext)).toBe(true);
  });

  it('resumes from the whole chunks after a crash between storing a part and its new tail', async () => {
    const plaintext = randomBytes(3 * C);
    const crashing = await startProcess((driver) => ({
      ...driver,
      put: async (key, body, options) => {
        if (key.includes('/tail-0000000001')) throw new Error('killed before the tail was written');
        return driver.put(key, body, options);
      },
    }));
    const { wrappedKey } = crashing.uploads.begin();
    await crashing.uploads.append('t', wrappedKey, { offset: 0, body: plaintext.subarray(0, 500), isLast: false });
    await expect(crashing.uploads.append('t', wrappedKey, { offset: 500, body: plaintext.subarray(500, C + 20), isLast: false })).rejects.toThrow('killed');

    const restarted = await startProcess();
    // The old tail (at chunk 0) is stale: the part holds its bytes now; what came after it was never acknowledged.
    expect(await restarted.uploads.status('t')).toEqual({ offset: C, state: 'receiving' });
    const done = await restarted.uploads.append('t', wrappedKey, { offset: C, body: plaintext.subarray(C), isLast: true, totalSize: plaintext.length });
    expect(done.file?.sha256).toBe(sha256(plaintext));
    expect(await listKeys(restarted.storage, 't')).toEqual(['t']);
  });

  it('refuses a tail that was altered or moved', async () => {
    const { uploads, storage } = await startProcess();
    const { wrappedKey } = uploads.begin();
    await uploads.append('x', wrappedKey, { offset: 0, body: randomBytes(C + 10), isLast: false });
    const sealed = await collect(await storage.read('x.parts/tail-0000000001'));
    sealed[20] = (sealed[20] ?? 0) ^ 1;
    await storage.put('x.parts/tail-0000000001', sealed);
    await expect(uploads.append('x', wrappedKey, { offset: C + 10, body: randomBytes(1), isLast: false })).rejects.toMatchObject({ code: 'unprocessable' });

    // A tail opens only at the chunk index it was sealed for, and only under its upload's key.
    const dataKey = randomBytes(32);
    const sealed2 = sealUploadTail(dataKey, 3, Buffer.from('tail bytes'));
    expect(openUploadTail(dataKey, 3, sealed2).toString()).toBe('tail bytes');
    expect(() => openUploadTail(dataKey, 2, sealed2)).toThrow(/integrity/);
    expect(() => openUploadTail(randomBytes(32), 3, sealed2)).toThrow(/integrity/);
  });

  it('keeps a piece sent with a checksum only whole and matching', async () => {
    const plaintext = randomBytes(2 * C + 5);
    const { uploads, storage } = await startProcess();
    const { wrappedKey } = uploads.begin();
    const digest = (algorithm: 'sha1' | 'sha256', bytes: Buffer) => createHash(algorithm).update(bytes).digest();
    const piece = plaintext.subarray(0, C + 3);
    await expect(
      uploads.append('k', wrappedKey, { offset: 0, body: piece, isLast: false, checksum: { algorithm: 'sha1', digest: digest('sha1', randomBytes(4)) } }),
    ).rejects.toMatchObject({ code: 'checksum_mismatch' });
    expect(await uploads.status('k')).toEqual({ offset: 0, state: 'receiving' });
    expect(await listKeys(storage, 'k')).toEqual([]);
    await expect(
      uploads.append('k', wrappedKey, { offset: 0, body: droppingBody(piece), isLast: false, checksum: { algorithm: 'sha256', digest: digest('sha256', piece) } }),
    ).rejects.toThrow('connection reset by peer');
    expect(await uploads.status('k')).toEqual({ offset: 0, state: 'receiving' });
    const ok = await uploads.append('k', wrappedKey, { offset: 0, body: piece, isLast: false, checksum: { algorithm: 'sha256', digest: digest('sha256', piece) } });
    expect(ok.offset).toBe(C + 3);
    const rest = plaintext.subarray(C + 3);
    const last = await uploads.append('k', wrappedKey, { offset: C + 3, body: rest, isLast: true, totalSize: plaintext.length, checksum: { algorithm: 'sha1', digest: digest('sha1', rest) } });
    expect(last.file?.sha256).toBe(sha256(plaintext));
  });

  it('never writes upload plaintext to disk, not even the partial chunks kept between pieces', async () => {
    const marker = Buffer.from('MESHVAULT-UPLOAD-MARKER-c0ffee');
    const plaintext = Buffer.concat(Array.from({ length: Math.ceil((3 * C) / marker.length) }, () => marker)); // 3 chunks
    const { uploads, storage } = await startProcess();
    const { wrappedKey } = uploads.begin();
    const cut = 2 * C + 999;
    const noMarkerOnDisk = async () => {
      const entries = await readdir(tempDir, { recursive: true, withFileTypes: true });
      const files = entries.filter((entry) => entry.isFile());
      expect(files.length).toBeGreaterThan(1);
      for (const entry of files) {
        expect((await readFile(join(entry.parentPath, entry.name))).includes(marker.subarray(0, 16))).toBe(false);
      }
    };
    await uploads.append('m', wrappedKey, { offset: 0, body: droppingBody(plaintext.subarray(0, cut)), isLast: false });
    expect(await listKeys(storage, 'm.parts/')).toEqual(['m.parts/0000000000', 'm.parts/tail-0000000002']);
    await noMarkerOnDisk(); // the tail (999 bytes) is sealed
    await uploads.append('m', wrappedKey, { offset: cut, body: plaintext.subarray(cut), isLast: true });
    await noMarkerOnDisk();
  });

  it('goes on in v1 with an upload whose first part was stored in v1 before the upgrade', async () => {
    const V1 = VAULT_FORMAT_V1.chunkSize;
    const plaintext = randomBytes(5 * V1 + 321);
    const { uploads, storage, vault } = await startProcess();
    const { wrappedKey } = uploads.begin();
    const masterKeys = await loadOrCreateMasterKeys({ dataDir: join(tempDir, 'data') });
    // What a v1 process left behind: two whole 64 KiB chunks in part 0 (and a tail, re-sent here instead).
    const dataKey = unwrapDataKey(wrappedKey, masterKeys);
    const oldSession = createChunkEncryptor({ dataKey, endsFile: false, format: VAULT_FORMAT_V1 });
    oldSession.end(plaintext.subarray(0, 2 * V1));
    await storage.put('old.parts/0000000000', oldSession);
    dataKey.fill(0);
    expect(await uploads.status('old')).toEqual({ offset: 2 * V1, state: 'receiving' });
    const more = await uploads.append('old', wrappedKey, { offset: 2 * V1, body: plaintext.subarray(2 * V1, 4 * V1 + 7), isLast: false });
    expect(more.offset).toBe(4 * V1 + 7); // counted in 64 KiB chunks, not 1 MiB ones
    const done = await uploads.append('old', wrappedKey, { offset: 4 * V1 + 7, body: plaintext.subarray(4 * V1 + 7), isLast: true });
    expect(done.file?.sha256).toBe(sha256(plaintext));
    expect((await collect(await storage.read('old', { offset: 0, length: HEADER_SIZE }))).equals(VAULT_FORMAT_V1.header)).toBe(true);
    expect((await collect(await vault.readFile('old', wrappedKey))).equals(plaintext)).toBe(true);
    expect((await collect(await vault.readFile('old', wrappedKey, { offset: 3 * V1 - 5, length: 10 }))).equals(plaintext.subarray(3 * V1 - 5, 3 * V1 + 5))).toBe(true);
    expect(await uploads.status('old')).toEqual({ offset: plaintext.length, state: 'completed' });
  });

  it('aborts an upload by deleting its parts', async () => {
    const { uploads, storage } = await startProcess();
    const { wrappedKey } = uploads.begin();
    await uploads.append('ab', wrappedKey, { offset: 0, body: randomBytes(3 * C), isLast: false });
    expect((await listKeys(storage, 'ab.parts/')).length).toBe(1);
    await uploads.abort('ab');
    expect(await listKeys(storage, 'ab')).toEqual([]);
    expect(await uploads.status('ab')).toEqual({ offset: 0, state: 'receiving' });
  });
});
