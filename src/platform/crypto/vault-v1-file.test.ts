/**
 * Files written in the v1 format (64 KiB records, the final flag in the AAD) before v2 existed must stay
 * readable. test/fixtures/vault/v1-file.bin was written by the v1 encryptor and is committed as it came
 * out: data key 32 × 0x5a, nonce prefix "v1-fixtr", the plaintext below (3 × 64 KiB + 1234 bytes).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorageDriver } from '../storage/index.js';
import { createChunkDecryptor } from './chunk-decryptor.js';
import { VAULT_FORMAT_V1 } from './chunk-format.js';
import { wrapDataKey } from './data-key.js';
import { createMasterKeyRing } from './master-keys.js';
import { createVault, type Vault } from './vault.js';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/vault/v1-file.bin');
const FIXTURE_SHA256 = '1914bb1eea5f7afbad215a807d4baddaba61dfc1f54c33ef1d1de220d150ca04';
const dataKey = Buffer.alloc(32, 0x5a);

function fixturePlaintext(): Buffer {
  const size = 3 * 65536 + 1234;
  const plaintext = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) plaintext[i] = (i * 31 + (i >> 8)) & 0xff;
  return plaintext;
}

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe('a file written in the v1 vault format', () => {
  const plaintext = fixturePlaintext();
  let stored: Buffer;
  let dir: string;
  let vault: Vault;
  let wrappedKey: string;

  beforeAll(async () => {
    stored = await readFile(FIXTURE);
    dir = await mkdtemp(join(tmpdir(), 'meshvault-v1-'));
    const storage = createLocalStorageDriver({ rootDir: dir });
    const masterKeys = createMasterKeyRing([Buffer.alloc(32, 0x11)]);
    vault = createVault({ storage, masterKeys });
    wrappedKey = wrapDataKey(dataKey, masterKeys.primary);
    await storage.put('v1', stored);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the committed file, byte for byte, in v1', () => {
    expect(createHash('sha256').update(stored).digest('hex')).toBe(FIXTURE_SHA256);
    expect(stored.subarray(0, 12).equals(VAULT_FORMAT_V1.header)).toBe(true);
  });

  it('decrypts to its plaintext, whole, through the decryptor and through the vault', async () => {
    const decryptor = createChunkDecryptor({ dataKey, hashPlaintext: true });
    expect((await collect(Readable.from([stored]).pipe(decryptor))).equals(plaintext)).toBe(true);
    expect((await collect(await vault.readFile('v1', wrappedKey))).equals(plaintext)).toBe(true);
    const sha256 = createHash('sha256').update(plaintext).digest('hex');
    expect(await vault.verifyFile('v1', wrappedKey)).toEqual({ sha256, plaintextSize: plaintext.length });
    expect(await vault.plaintextSize('v1')).toBe(plaintext.length);
  });

  it('serves byte ranges from its 64 KiB records', async () => {
    for (const [offset, length] of [
      [0, 10],
      [65536 - 3, 6],
      [2 * 65536, 65536],
      [3 * 65536 + 1000, undefined],
      [plaintext.length, undefined],
    ] as const) {
      const range = await vault.readFile('v1', wrappedKey, { offset, length });
      const end = length === undefined ? plaintext.length : offset + length;
      expect((await collect(range)).equals(plaintext.subarray(offset, end))).toBe(true);
    }
  });

  it('still fails its integrity check when tampered with or cut at a record boundary', async () => {
    const tampered = Buffer.from(stored);
    tampered.writeUInt8(tampered.readUInt8(12 + 65536 + 28 + 100) ^ 1, 12 + 65536 + 28 + 100);
    await expect(collect(Readable.from([tampered]).pipe(createChunkDecryptor({ dataKey })))).rejects.toMatchObject({
      code: 'unprocessable',
      details: { chunkIndex: 1 },
    });
    const cut = stored.subarray(0, 12 + 2 * (65536 + 28));
    await expect(collect(Readable.from([cut]).pipe(createChunkDecryptor({ dataKey })))).rejects.toMatchObject({ code: 'unprocessable' });
  });
});
