import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { createLocalStorageDriver, type LocalStorageDriver } from '../storage/index.js';
import { VAULT_CHUNK_SIZE as C } from './chunk-format.js';
import { wrappedKeyMasterId } from './data-key.js';
import { createMasterKeyRing, type MasterKeyRing } from './master-keys.js';
import { createVault, type Vault } from './vault.js';

let tempDir: string;
let storage: LocalStorageDriver;
let ring: MasterKeyRing;
let vault: Vault;

beforeEach(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'meshvault-vault-'));
  storage = createLocalStorageDriver({ rootDir: join(tempDir, 'files') });
  ring = createMasterKeyRing([randomBytes(32)]);
  vault = createVault({ storage, masterKeys: ring });
});

afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function readAll(key: string, wrappedKey: string, range?: { offset: number; length?: number }): Promise<Buffer> {
  return collect(await vault.readFile(key, wrappedKey, range));
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every byte under a directory, temporary files included. */
async function filesUnder(dir: string): Promise<Buffer[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile());
  return Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name))));
}

describe('vault', () => {
  it.each([0, 1, C - 1, C, C + 1, 3 * 1024 * 1024 + 5])('writes and reads back %i bytes with their SHA-256', async (size) => {
    const plaintext = randomBytes(size);
    const info = await vault.writeFile('files/f1', plaintext);
    expect(info.sha256).toBe(sha256(plaintext));
    expect(info.plaintextSize).toBe(size);
    expect(info.ciphertextSize).toBe((await storage.stat('files/f1'))?.size);
    expect(wrappedKeyMasterId(info.wrappedKey)).toBe(ring.primary.id);
    expect((await readAll('files/f1', info.wrappedKey)).equals(plaintext)).toBe(true);
    expect(await vault.verifyFile('files/f1', info.wrappedKey)).toEqual({ sha256: info.sha256, plaintextSize: size });
    expect(await vault.plaintextSize('files/f1')).toBe(size);
  });

  it.each([0, 5, C, 3 * C + 5, 7 * C + 3])('encrypts %i bytes from a file on disk, read ahead into two reused buffers', async (size) => {
    const plaintext = randomBytes(size);
    const path = join(tempDir, 'plain.bin');
    await writeFile(path, plaintext);
    const info = await vault.writeFile('files/from-disk', { path });
    expect(info).toMatchObject({ sha256: sha256(plaintext), plaintextSize: size });
    expect((await readAll('files/from-disk', info.wrappedKey)).equals(plaintext)).toBe(true);
  });

  it('refuses a missing file, text, and a stream that failed before the write began, storing nothing', async () => {
    await expect(vault.writeFile('m', { path: join(tempDir, 'absent.bin') })).rejects.toMatchObject({ code: 'bad_request' });
    async function* text(): AsyncGenerator<unknown> {
      yield 'not bytes';
    }
    await expect(vault.writeFile('m', text() as AsyncIterable<Uint8Array>)).rejects.toMatchObject({ code: 'bad_request' });
    const failed = new Readable({ read() {} });
    const writing = vault.writeFile('m', failed);
    failed.destroy(new Error('client went away'));
    await expect(writing).rejects.toThrow('client went away');
    expect(await storage.exists('m')).toBe(false);
  });

  it('reads plaintext byte ranges, touching only the records that cover them', async () => {
    const plaintext = randomBytes(4 * C + 777);
    const { wrappedKey } = await vault.writeFile('r', Readable.from([plaintext.subarray(0, 1000), plaintext.subarray(1000)]));
    const ranges = [
      { offset: 0, length: 10 },
      { offset: C - 3, length: 6 },
      { offset: C, length: C },
      { offset: 2 * C + 5 },
      { offset: 4 * C + 700, length: 1000 },
      { offset: 4 * C + 777 },
      { offset: 123, length: 0 },
      { offset: 0 },
    ];
    for (const range of ranges) {
      const end = range.length === undefined ? plaintext.length : range.offset + range.length;
      expect((await readAll('r', wrappedKey, range)).equals(plaintext.subarray(range.offset, end))).toBe(true);
    }
    await expect(vault.readFile('r', wrappedKey, { offset: plaintext.length + 1 })).rejects.toBeInstanceOf(AppError);
    await expect(vault.readFile('r', wrappedKey, { offset: -1 })).rejects.toBeInstanceOf(AppError);
  });

  it('fails the read stream loudly when the stored bytes were altered', async () => {
    const plaintext = randomBytes(3 * C);
    const { wrappedKey } = await vault.writeFile('t', plaintext);
    const path = join(storage.rootDir, 't');
    const stored = await readFile(path);
    stored[stored.length - 100] = (stored[stored.length - 100] ?? 0) ^ 0xff;
    await writeFile(path, stored);
    const error = await readAll('t', wrappedKey).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('unprocessable');
    await expect(vault.verifyFile('t', wrappedKey)).rejects.toMatchObject({ code: 'unprocessable' });
    // a range before the damage still reads; one that covers it fails
    expect((await readAll('t', wrappedKey, { offset: 0, length: C })).equals(plaintext.subarray(0, C))).toBe(true);
    await expect(readAll('t', wrappedKey, { offset: 2 * C })).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it('fails when the stored file was cut at a record boundary', async () => {
    const { wrappedKey } = await vault.writeFile('cut', randomBytes(3 * C + 5));
    const path = join(storage.rootDir, 'cut');
    const stored = await readFile(path);
    await writeFile(path, stored.subarray(0, 12 + 2 * (C + 28)));
    await expect(readAll('cut', wrappedKey)).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(readAll('cut', wrappedKey, { offset: C })).rejects.toMatchObject({ code: 'unprocessable' });
  });

  it('never writes plaintext to disk', async () => {
    const marker = Buffer.from('MESHVAULT-CONFIDENTIAL-MARKER-7f3a9c');
    const plaintext = Buffer.concat(Array.from({ length: 20_000 }, () => marker)); // ~700 KiB of markers
    // The scan must be able to find the marker, or this test proves nothing.
    await storage.put('plain-control', plaintext);
    expect((await filesUnder(storage.rootDir)).some((bytes) => bytes.includes(marker))).toBe(true);
    await storage.delete('plain-control');

    await vault.writeFile('secret', Readable.from([plaintext.subarray(0, 5000), plaintext.subarray(5000)]));
    // A write that fails half-way must leave no plaintext behind either.
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield plaintext;
      throw new Error('connection reset');
    }
    await expect(vault.writeFile('broken', failing())).rejects.toThrow('connection reset');
    const stored = await filesUnder(tempDir);
    expect(stored.length).toBeGreaterThan(0);
    for (const bytes of stored) expect(bytes.includes(marker.subarray(0, 16))).toBe(false);
  });

  it('rotates a file to a new master key without touching its ciphertext', async () => {
    const plaintext = randomBytes(2 * C + 9);
    const info = await vault.writeFile('rot', plaintext);
    const before = await readFile(join(storage.rootDir, 'rot'));

    const newKey = randomBytes(32);
    const rotatedRing = createMasterKeyRing([newKey, ring.primary.key]);
    const rotatedVault = createVault({ storage, masterKeys: rotatedRing });
    const rewrapped = rotatedVault.rewrapKey(info.wrappedKey);
    expect(wrappedKeyMasterId(rewrapped)).toBe(rotatedRing.primary.id);
    expect(rotatedVault.rewrapKey(rewrapped)).toBe(rewrapped);
    expect((await readFile(join(storage.rootDir, 'rot'))).equals(before)).toBe(true);

    // After the old master key is retired, only the re-wrapped key opens the file.
    const retiredVault = createVault({ storage, masterKeys: createMasterKeyRing([newKey]) });
    expect((await collect(await retiredVault.readFile('rot', rewrapped))).equals(plaintext)).toBe(true);
    await expect(retiredVault.readFile('rot', info.wrappedKey)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses to open a file with the wrong master key', async () => {
    const info = await vault.writeFile('w', randomBytes(100));
    const otherVault = createVault({ storage, masterKeys: createMasterKeyRing([randomBytes(32)]) });
    await expect(otherVault.readFile('w', info.wrappedKey)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('shreds by destroying the wrapped key first, then the ciphertext', async () => {
    const info = await vault.writeFile('s', randomBytes(1000));
    const events: string[] = [];
    await vault.shredFile('s', async () => {
      events.push(`key destroyed while ciphertext exists: ${await storage.exists('s')}`);
    });
    expect(events).toEqual(['key destroyed while ciphertext exists: true']);
    expect(await storage.exists('s')).toBe(false);
    await expect(vault.readFile('s', info.wrappedKey)).rejects.toMatchObject({ code: 'not_found' });

    // If the key cannot be destroyed, the ciphertext stays, so the caller can retry the whole erasure.
    await vault.writeFile('s2', randomBytes(10));
    await expect(
      vault.shredFile('s2', async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    expect(await storage.exists('s2')).toBe(true);
  });

  it('does not replace an existing file and keeps none of a failed write', async () => {
    const original = randomBytes(500);
    const info = await vault.writeFile('x', original);
    await expect(vault.writeFile('x', randomBytes(10))).rejects.toMatchObject({ code: 'conflict' });
    expect((await readAll('x', info.wrappedKey)).equals(original)).toBe(true);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield randomBytes(3 * C);
      throw new Error('gone');
    }
    await expect(vault.writeFile('y', failing())).rejects.toThrow('gone');
    expect(await storage.exists('y')).toBe(false);
  });

  it("encrypts a stream of odd-sized pieces across record boundaries, and leaves the caller's bytes as they were", async () => {
    const plaintext = randomBytes(5 * C + 12_345);
    const pieces: Buffer[] = [];
    for (let offset = 0; offset < plaintext.length; offset += 100_003) pieces.push(plaintext.subarray(offset, offset + 100_003));
    const info = await vault.writeFile('files/odd', Readable.from(pieces, { objectMode: false }));
    expect(info).toMatchObject({ sha256: sha256(plaintext), plaintextSize: plaintext.length });
    expect((await readAll('files/odd', info.wrappedKey)).equals(plaintext)).toBe(true);
    expect(Buffer.concat(pieces).equals(plaintext)).toBe(true);
  });
});
