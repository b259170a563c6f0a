import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { createLocalStorageDriver, type LocalStorageDriver } from './local-storage-driver.js';

let rootDir: string;
let driver: LocalStorageDriver;

beforeEach(async () => {
  rootDir = await mkdtemp(join(tmpdir(), 'meshvault-storage-'));
  driver = createLocalStorageDriver({ rootDir: join(rootDir, 'files') });
});

afterEach(async () => {
  await rm(rootDir, { recursive: true, force: true });
});

async function readText(key: string, range?: { offset: number; length?: number }): Promise<string> {
  return text(await driver.read(key, range));
}

async function listKeys(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of driver.list(prefix)) keys.push(info.key);
  return keys;
}

async function allNamesOnDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String);
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof AppError && error.code === code);
}

describe('local storage driver', () => {
  it('stores bytes, a stream or an async iterable and reads them back', async () => {
    expect(await driver.put('a/bytes', Buffer.from('hello'))).toEqual({ size: 5 });
    await driver.put('a/stream', Readable.from([Buffer.from('str'), Buffer.from('eam')]));
    async function* pieces(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array([0x69, 0x74]);
      yield new Uint8Array([]);
    }
    await driver.put('a/iterable', pieces());
    expect(await readText('a/bytes')).toBe('hello');
    expect(await readText('a/stream')).toBe('stream');
    expect(await readText('a/iterable')).toBe('it');
  });

  it('reads byte ranges and refuses one that starts past the end', async () => {
    await driver.put('r', Buffer.from('0123456789'));
    expect(await readText('r', { offset: 3, length: 4 })).toBe('3456');
    expect(await readText('r', { offset: 7 })).toBe('789');
    expect(await readText('r', { offset: 8, length: 100 })).toBe('89');
    expect(await readText('r', { offset: 10 })).toBe('');
    expect(await readText('r', { offset: 2, length: 0 })).toBe('');
    await expectAppError(driver.read('r', { offset: 11 }), 'bad_request');
    await expectAppError(driver.read('r', { offset: -1 }), 'bad_request');
    await expectAppError(driver.read('r', { offset: 1.5 }), 'bad_request');
  });

  it('reports stat, exists and delete, and deleting twice is harmless', async () => {
    await driver.put('x/y/z', Buffer.alloc(1234));
    expect(await driver.exists('x/y/z')).toBe(true);
    expect((await driver.stat('x/y/z'))?.size).toBe(1234);
    expect(await driver.stat('x/y')).toBeNull(); // a folder is not an object
    expect(await driver.delete('x/y/z')).toBe(true);
    expect(await driver.delete('x/y/z')).toBe(false);
    expect(await driver.exists('x/y/z')).toBe(false);
    expect(await driver.stat('x/y/z')).toBeNull();
    await expectAppError(driver.read('x/y/z'), 'not_found');
    // emptied folders are pruned so finished uploads leave no litter behind
    expect(await allNamesOnDisk(driver.rootDir)).toEqual([]);
  });

  it('lists by any string prefix in ascending key order', async () => {
    for (const key of ['b/2', 'a-c', 'a/b', 'a/a/z', 'ab', 'c']) await driver.put(key, Buffer.from(key));
    expect(await listKeys('')).toEqual(['a-c', 'a/a/z', 'a/b', 'ab', 'b/2', 'c']);
    expect(await listKeys('a')).toEqual(['a-c', 'a/a/z', 'a/b', 'ab']);
    expect(await listKeys('a/')).toEqual(['a/a/z', 'a/b']);
    expect(await listKeys('a/a')).toEqual(['a/a/z']);
    expect(await listKeys('nothing/')).toEqual([]);
    const sizes: number[] = [];
    for await (const info of driver.list('b/')) sizes.push(info.size);
    expect(sizes).toEqual([3]);
  });

  it('refuses keys that could escape the storage directory', async () => {
    const bad = [
      '',
      '../escape',
      'a/../../escape',
      '/etc/passwd',
      'a//b',
      'a/',
      './a',
      'a/./b',
      '.hidden',
      'a\\..\\b',
      'a\0b',
      'C:/x',
      'x'.repeat(1025),
    ];
    for (const key of bad) {
      await expectAppError(driver.put(key, Buffer.from('x')), 'bad_request');
      await expectAppError(driver.read(key), 'bad_request');
      await expectAppError(driver.delete(key), 'bad_request');
      await expectAppError(driver.stat(key), 'bad_request');
    }
    await expect(listKeys('../')).rejects.toBeInstanceOf(AppError);
    await expect(listKeys('a/../')).rejects.toBeInstanceOf(AppError);
    await expect(listKeys('.tmp-')).rejects.toBeInstanceOf(AppError);
    await expect(readdir(rootDir)).resolves.toEqual([]);
  });

  it('refuses to replace an object when overwrite is false, and replaces it otherwise', async () => {
    await driver.put('p/1', Buffer.from('first'), { overwrite: false });
    await expectAppError(driver.put('p/1', Buffer.from('second'), { overwrite: false }), 'conflict');
    expect(await readText('p/1')).toBe('first');
    await driver.put('p/1', Buffer.from('third'));
    expect(await readText('p/1')).toBe('third');
    expect(await allNamesOnDisk(driver.rootDir)).toEqual(['p', 'p/1']);
  });

  it('refuses a key that is also a folder of other keys', async () => {
    await driver.put('k/child', Buffer.from('x'));
    await expectAppError(driver.put('k', Buffer.from('y')), 'conflict');
    await driver.put('file', Buffer.from('x'));
    await expectAppError(driver.put('file/child', Buffer.from('y')), 'conflict');
  });

  it('composes parts into one object in order', async () => {
    await driver.put('up/0', Buffer.from('abc'));
    await driver.put('up/1', Buffer.from(''));
    await driver.put('up/2', Buffer.from('def'));
    expect(await driver.compose('done', ['up/0', 'up/1', 'up/2'])).toEqual({ size: 6 });
    expect(await readText('done')).toBe('abcdef');
    await expectAppError(driver.compose('done2', ['up/0', 'up/missing']), 'not_found');
    expect(await driver.exists('done2')).toBe(false);
  });

  it('leaves no partial object when the body fails mid-write, and keeps the previous object', async () => {
    await driver.put('obj', Buffer.from('previous'));
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(100_000, 1);
      throw new Error('client went away');
    }
    await expect(driver.put('obj', failing())).rejects.toThrow('client went away');
    await expect(driver.put('new/obj', failing())).rejects.toThrow('client went away');
    expect(await readText('obj')).toBe('previous');
    expect(await driver.exists('new/obj')).toBe(false);
    expect((await allNamesOnDisk(driver.rootDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('refuses text chunks in a body', async () => {
    await expectAppError(driver.put('t', Readable.from(['text'])), 'bad_request');
    expect(await driver.exists('t')).toBe(false);
  });

  it('shows nothing of a write whose process is killed mid-write', async () => {
    await driver.put('victim/object', Buffer.from('previous version'));
    const driverUrl = new URL('./local-storage-driver.ts', import.meta.url).href;
    const script = join(rootDir, 'crash-writer.mts');
    await writeFile(
      script,
      `import { createLocalStorageDriver } from ${JSON.stringify(driverUrl)};
const driver = createLocalStorageDriver({ rootDir: process.argv[2] });
setInterval(() => {}, 1000);
async function* body() {
  yield Buffer.alloc(1 << 20, 120);
  process.stdout.write('half-written\\n');
  await new Promise(() => {});
}
await driver.put(process.argv[3], body());
`,
    );
    const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, driver.rootDir, 'victim/object'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('half-written')) resolve();
      });
      child.once('exit', () => reject(new Error('the writer exited before writing')));
    });
    const during = await allNamesOnDisk(driver.rootDir);
    expect(during.some((name) => name.includes('.tmp-'))).toBe(true);
    child.kill('SIGKILL');
    await exited;

    expect(await readText('victim/object')).toBe('previous version');
    expect(await listKeys('')).toEqual(['victim/object']);
    expect(await driver.removeStaleTemporaryFiles(60_000)).toBe(0); // too recent: maybe still being written
    const temps = (await allNamesOnDisk(driver.rootDir)).filter((name) => name.includes('.tmp-'));
    expect(temps).toHaveLength(1);
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(driver.rootDir, temps[0] ?? ''), old, old);
    expect(await driver.removeStaleTemporaryFiles(60_000)).toBe(1);
    expect(await allNamesOnDisk(driver.rootDir)).toEqual(['victim', 'victim/object']);
  }, 30_000);
});
