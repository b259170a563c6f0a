import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors/index.js';
import type { StorageDriver } from '../platform/storage/index.js';

export async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof AppError && error.code === code);
}

export async function readText(driver: StorageDriver, key: string, range?: { offset: number; length?: number }): Promise<string> {
  return text(await driver.read(key, range));
}

export async function listKeys(driver: StorageDriver, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of driver.list(prefix)) keys.push(info.key);
  return keys;
}

/**
 * What every StorageDriver promises (storage-driver.ts), run against each driver so callers can rely on
 * the interface alone. `open` makes an empty store; `close` removes it.
 */
export function describeStorageDriverContract<D extends StorageDriver>(name: string, open: () => Promise<{ driver: D; close: () => Promise<void> }>) {
  describe(`${name}: the storage driver contract`, () => {
    let driver: D;
    let close: () => Promise<void>;
    const read = (key: string, range?: { offset: number; length?: number }) => readText(driver, key, range);

    beforeEach(async () => {
      ({ driver, close } = await open());
    });
    afterEach(async () => {
      await close();
    });

    it('stores bytes, a stream or an async iterable and reads them back', async () => {
      expect(await driver.put('a/bytes', Buffer.from('hello'))).toEqual({ size: 5 });
      await driver.put('a/stream', Readable.from([Buffer.from('str'), Buffer.from('eam')]));
      async function* pieces(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array([0x69, 0x74]);
        yield new Uint8Array([]);
      }
      await driver.put('a/iterable', pieces());
      expect(await driver.put('a/empty', Buffer.alloc(0))).toEqual({ size: 0 });
      expect(await read('a/bytes')).toBe('hello');
      expect(await read('a/stream')).toBe('stream');
      expect(await read('a/iterable')).toBe('it');
      expect(await read('a/empty')).toBe('');
      expect(await read('a/empty', { offset: 0 })).toBe('');
    });

    it('reads byte ranges and refuses one that starts past the end', async () => {
      await driver.put('r', Buffer.from('0123456789'));
      expect(await read('r', { offset: 3, length: 4 })).toBe('3456');
      expect(await read('r', { offset: 7 })).toBe('789');
      expect(await read('r', { offset: 0 })).toBe('0123456789');
      expect(await read('r', { offset: 8, length: 100 })).toBe('89');
      expect(await read('r', { offset: 10 })).toBe('');
      expect(await read('r', { offset: 2, length: 0 })).toBe('');
      await expectAppError(driver.read('r', { offset: 11 }), 'bad_request');
      await expectAppError(driver.read('r', { offset: -1 }), 'bad_request');
      await expectAppError(driver.read('r', { offset: 1.5 }), 'bad_request');
      await expectAppError(driver.read('missing', { offset: 1 }), 'not_found');
    });

    it('reports stat, exists and delete, and deleting twice is harmless', async () => {
      await driver.put('x/y/z', Buffer.alloc(1234));
      expect(await driver.exists('x/y/z')).toBe(true);
      expect((await driver.stat('x/y/z'))?.size).toBe(1234);
      expect((await driver.stat('x/y/z'))?.modifiedAt).toBeInstanceOf(Date);
      expect(await driver.stat('x/y')).toBeNull(); // a folder is not an object
      expect(await driver.delete('x/y/z')).toBe(true);
      expect(await driver.delete('x/y/z')).toBe(false);
      expect(await driver.exists('x/y/z')).toBe(false);
      expect(await driver.stat('x/y/z')).toBeNull();
      await expectAppError(driver.read('x/y/z'), 'not_found');
      expect(await listKeys(driver, '')).toEqual([]);
    });

    it('lists by any string prefix in ascending key order', async () => {
      for (const key of ['b/2', 'a-c', 'a/b', 'a/a/z', 'ab', 'c']) await driver.put(key, Buffer.from(key));
      expect(await listKeys(driver, '')).toEqual(['a-c', 'a/a/z', 'a/b', 'ab', 'b/2', 'c']);
      expect(await listKeys(driver, 'a')).toEqual(['a-c', 'a/a/z', 'a/b', 'ab']);
      expect(await listKeys(driver, 'a/')).toEqual(['a/a/z', 'a/b']);
      expect(await listKeys(driver, 'a/a')).toEqual(['a/a/z']);
      expect(await listKeys(driver, 'nothing/')).toEqual([]);
      const sizes: number[] = [];
      for await (const info of driver.list('b/')) sizes.push(info.size);
      expect(sizes).toEqual([3]);
    });

    it('refuses keys that could escape the store or differ between stores', async () => {
      const bad = ['', '../escape', 'a/../../escape', '/etc/passwd', 'a//b', 'a/', './a', 'a/./b', '.hidden', 'a\\..\\b', 'a\0b', 'C:/x', 'x'.repeat(1025)];
      for (const key of bad) {
        await expectAppError(driver.put(key, Buffer.from('x')), 'bad_request');
        await expectAppError(driver.read(key), 'bad_request');
        await expectAppError(driver.delete(key), 'bad_request');
        await expectAppError(driver.stat(key), 'bad_request');
      }
      await expect(listKeys(driver, '../')).rejects.toBeInstanceOf(AppError);
      await expect(listKeys(driver, 'a/../')).rejects.toBeInstanceOf(AppError);
      await expect(listKeys(driver, '.tmp-')).rejects.toBeInstanceOf(AppError);
      expect(await listKeys(driver, '')).toEqual([]);
    });

    it('refuses to replace an object when overwrite is false, and replaces it otherwise', async () => {
      await driver.put('p/1', Buffer.from('first'), { overwrite: false });
      await expectAppError(driver.put('p/1', Buffer.from('second'), { overwrite: false }), 'conflict');
      expect(await read('p/1')).toBe('first');
      await driver.put('p/1', Buffer.from('third'));
      expect(await read('p/1')).toBe('third');
      expect(await listKeys(driver, '')).toEqual(['p/1']);
    });

    it('composes parts into one object in order', async () => {
      await driver.put('up/0', Buffer.from('abc'));
      await driver.put('up/1', Buffer.from(''));
      await driver.put('up/2', Buffer.from('def'));
      expect(await driver.compose('done', ['up/0', 'up/1', 'up/2'])).toEqual({ size: 6 });
      expect(await read('done')).toBe('abcdef');
      await expectAppError(driver.compose('done2', ['up/0', 'up/missing']), 'not_found');
      expect(await driver.exists('done2')).toBe(false);
      expect(await read('up/2')).toBe('def'); // the sources stay
    });

    it('leaves no partial object when the body fails mid-write, and keeps the previous object', async () => {
      await driver.put('obj', Buffer.from('previous'));
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield Buffer.alloc(100_000, 1);
        throw new Error('client went away');
      }
      await expect(driver.put('obj', failing())).rejects.toThrow('client went away');
      await expect(driver.put('new/obj', failing())).rejects.toThrow('client went away');
      expect(await read('obj')).toBe('previous');
      expect(await driver.exists('new/obj')).toBe(false);
      expect(await listKeys(driver, '')).toEqual(['obj']);
    });

    it('refuses text chunks in a body', async () => {
      await expectAppError(driver.put('t', Readable.from(['text'])), 'bad_request');
      expect(await driver.exists('t')).toBe(false);
    });
  });
}
