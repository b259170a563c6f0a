import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startThreadHash, stopHashThread } from './hash-thread.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function sharedCopy(bytes: Buffer): SharedArrayBuffer {
  const memory = new SharedArrayBuffer(bytes.length);
  new Uint8Array(memory).set(bytes);
  return memory;
}

describe('the vault hash thread', () => {
  it('hashes regions of shared memory in the order given, several hashes at once', async () => {
    const bytes = randomBytes(300_000);
    const memory = sharedCopy(bytes);
    // Two hashes over the same memory, fed in different pieces and interleaved.
    const first = startThreadHash(memory);
    const second = startThreadHash(memory);
    const updates: Promise<void>[] = [];
    for (let piece = 0; piece < 5; piece += 1) {
      updates.push(first.update(piece * 60_000, 60_000));
      if (piece < 2) updates.push(second.update(piece * 50_000, 50_000));
    }
    await Promise.all(updates);
    expect(await first.digest()).toBe(sha256(bytes));
    expect(await second.digest()).toBe(sha256(bytes.subarray(0, 100_000)));
    expect(await startThreadHash(memory).digest()).toBe(sha256(Buffer.alloc(0)));
    await expect(first.digest()).rejects.toThrow('already finished');
  });

  it('answers the updates of a dropped hash, so nobody waits on them for ever', async () => {
    const memory = sharedCopy(randomBytes(1 << 20));
    const hash = startThreadHash(memory);
    const updates = [hash.update(0, 1 << 19), hash.update(1 << 19, 1 << 19)];
    hash.drop();
    await Promise.all(updates);
    await expect(hash.update(0, 1)).rejects.toThrow('already finished');
  });

  it('fails the hashes under way when the thread stops, and starts a new one for the next hash', async () => {
    const memory = sharedCopy(randomBytes(4 << 20));
    const hash = startThreadHash(memory);
    const updates = Array.from({ length: 4 }, (_, i) => hash.update(i << 20, 1 << 20));
    const settled = Promise.allSettled([...updates, hash.digest()]);
    await stopHashThread();
    const results = await settled;
    const digest = results.at(-1);
    expect(digest?.status).toBe('rejected');
    expect(String((digest as PromiseRejectedResult).reason)).toMatch(/hash thread/);
    const next = startThreadHash(memory);
    await next.update(0, 10);
    expect(await next.digest()).toBe(sha256(Buffer.from(new Uint8Array(memory, 0, 10))));
  });

  it('keeps the process alive while an answer is awaited, and does not keep it alive once idle', async () => {
    // A script that hashes and then has nothing left to do: it must print the digest and then exit.
    const script = `
      import { startThreadHash } from ${JSON.stringify(new URL('./hash-thread.ts', import.meta.url).href)};
      const memory = new SharedArrayBuffer(3);
      new Uint8Array(memory).set([97, 98, 99]);
      const hash = startThreadHash(memory);
      await hash.update(0, 3);
      console.log(await hash.digest());
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 });
    expect(stdout.trim()).toBe(sha256(Buffer.from('abc')));
  });
});
