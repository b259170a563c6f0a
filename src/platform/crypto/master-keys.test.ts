import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { generateDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey, wrappedKeyMasterId } from './data-key.js';
import { addPrimaryKeyToFile, loadOrCreateMasterKeys, MASTER_KEY_FILE_NAME } from './master-key-file.js';
import { createMasterKeyRing, parseMasterKey } from './master-keys.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'meshvault-keys-')), 'data');
});

afterEach(async () => {
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('data key wrapping', () => {
  const ringA = createMasterKeyRing([randomBytes(32)]);
  const ringB = createMasterKeyRing([randomBytes(32)]);

  it('wraps and unwraps a data key, naming the master key', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(dataKey, ringA.primary);
    expect(wrapped).toMatch(/^mvk1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{80}$/);
    expect(wrappedKeyMasterId(wrapped)).toBe(ringA.primary.id);
    expect(unwrapDataKey(wrapped, ringA).equals(dataKey)).toBe(true);
    expect(wrapDataKey(dataKey, ringA.primary)).not.toBe(wrapped); // fresh nonce each time
  });

  it('refuses a key wrapped under a master key the installation lacks, or relabelled, or altered', () => {
    const wrapped = wrapDataKey(generateDataKey(), ringA.primary);
    expect(codeOf(() => unwrapDataKey(wrapped, ringB))).toBe('unavailable');
    const relabelled = wrapped.replace(ringA.primary.id, ringB.primary.id);
    expect(codeOf(() => unwrapDataKey(relabelled, ringB))).toBe('unprocessable');
    const body = wrapped.slice(-80);
    const flipped = `${wrapped.slice(0, -80)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(codeOf(() => unwrapDataKey(flipped, ringA))).toBe('unprocessable');
    expect(codeOf(() => unwrapDataKey('not a key', ringA))).toBe('unprocessable');
  });

  it('re-wraps under a new primary key, and does nothing if already there', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(dataKey, ringA.primary);
    const rotated = createMasterKeyRing([ringB.primary.key, ringA.primary.key]);
    const rewrapped = rewrapDataKey(wrapped, rotated);
    expect(wrappedKeyMasterId(rewrapped)).toBe(ringB.primary.id);
    expect(unwrapDataKey(rewrapped, ringB).equals(dataKey)).toBe(true);
    expect(rewrapDataKey(rewrapped, rotated)).toBe(rewrapped);
  });

  it('parses master keys strictly', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseMasterKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(codeOf(() => parseMasterKey(randomBytes(16).toString('base64')))).toBe('bad_request');
    expect(codeOf(() => parseMasterKey('x'.repeat(44)))).toBe('bad_request');
    expect(codeOf(() => parseMasterKey(''))).toBe('bad_request');
    expect(codeOf(() => createMasterKeyRing([]))).toBe('bad_request');
  });
});

describe('master key file', () => {
  const keyFile = (): string => join(dataDir, MASTER_KEY_FILE_NAME);

  it('is created on first start with mode 0600 and read back on the next', async () => {
    const first = await loadOrCreateMasterKeys({ dataDir });
    expect((await stat(keyFile())).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateMasterKeys({ dataDir });
    expect(again.primary.id).toBe(first.primary.id);
    expect(again.primary.key.equals(first.primary.key)).toBe(true);
    expect(await readdir(dataDir)).toEqual([MASTER_KEY_FILE_NAME]);
  });

  it('gives processes that start together the same single key', async () => {
    const rings = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateMasterKeys({ dataDir })));
    expect(new Set(rings.map((ring) => ring.primary.id)).size).toBe(1);
    expect(await readdir(dataDir)).toEqual([MASTER_KEY_FILE_NAME]);
  });

  it('refuses a key file other users can read', async () => {
    await loadOrCreateMasterKeys({ dataDir });
    await chmod(keyFile(), 0o644);
    await expect(loadOrCreateMasterKeys({ dataDir })).rejects.toThrow(/chmod 600/);
  });

  it('refuses a damaged key file instead of making a new key', async () => {
    await loadOrCreateMasterKeys({ dataDir });
    await writeFile(keyFile(), 'not base64 at all\n', { mode: 0o600 });
    await expect(loadOrCreateMasterKeys({ dataDir })).rejects.toThrow(/damaged/);
  });

  it('puts configured keys first and keeps the file keys usable', async () => {
    const fromFile = await loadOrCreateMasterKeys({ dataDir });
    const configured = randomBytes(32);
    const ring = await loadOrCreateMasterKeys({ dataDir, configuredKeys: configured.toString('base64') });
    expect(ring.primary.key.equals(configured)).toBe(true);
    expect(ring.find(fromFile.primary.id)).toBeDefined();
    const onlyConfigured = await loadOrCreateMasterKeys({
      dataDir: join(dataDir, 'elsewhere'),
      configuredKeys: [configured.toString('base64')],
    });
    expect(onlyConfigured.keys).toHaveLength(1);
    await expect(readdir(join(dataDir, 'elsewhere'))).rejects.toThrow(); // no key file made when configured
  });

  it('adds a new primary key for rotation, keeping the old one', async () => {
    const before = await loadOrCreateMasterKeys({ dataDir });
    const after = await addPrimaryKeyToFile(dataDir);
    expect(after.primary.id).not.toBe(before.primary.id);
    expect(after.find(before.primary.id)).toBeDefined();
    const reloaded = await loadOrCreateMasterKeys({ dataDir });
    expect(reloaded.keys.map((key) => key.id)).toEqual(after.keys.map((key) => key.id));
    expect((await stat(keyFile())).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile(), 'utf8')).split('\n').filter((line) => /^[A-Za-z0-9+/]{43}=$/.test(line))).toHaveLength(2);
  });
});
