import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { piecesOf, writeBatched, type BatchedWriteOptions } from './batched-file-writer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshvault-batched-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTo(name: string, pieces: AsyncIterable<Uint8Array>, options?: BatchedWriteOptions): Promise<Buffer> {
  const handle = await open(join(dir, name), 'w');
  try {
    await writeBatched(handle, pieces, options);
  } finally {
    await handle.close();
  }
  return readFile(join(dir, name));
}

describe('batched file writes', () => {
  it('writes every piece in order, empty ones and more pieces than one writev takes included', async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => randomBytes(i % 7 === 0 ? 0 : (i * 37) % 300));
    const expected = Buffer.concat(pieces);
    for (const batchBytes of [1, 4096, 10 * 1024 * 1024]) {
      const written = await writeTo(`f${batchBytes}`, Readable.from(pieces, { objectMode: false }) as AsyncIterable<Uint8Array>, { batchBytes });
      expect(written.equals(expected)).toBe(true);
    }
  });

  it('hands over each pushed buffer as it is, not joined with the ones queued behind it', async () => {
    const stream = new PassThrough();
    const pushed = [Buffer.from('nonce'), randomBytes(5000), Buffer.from('tag')];
    for (const buffer of pushed) stream.write(buffer);
    stream.end();
    const seen: Buffer[] = [];
    for await (const piece of piecesOf(stream)) seen.push(piece as Buffer);
    expect(seen).toEqual(pushed);
  });

  it('fails with the source error, and destroys a source whose consumer stopped early', async () => {
    const failing = Readable.from(
      (async function* () {
        yield Buffer.from('first');
        throw new Error('connection reset by peer');
      })(),
      { objectMode: false },
    );
    await expect(writeTo('failing', piecesOf(failing) as AsyncIterable<Uint8Array>)).rejects.toThrow('connection reset by peer');
    const endless = new Readable({ read() { this.push(randomBytes(100)); } });
    for await (const piece of piecesOf(endless)) {
      expect((piece as Buffer).length).toBe(100);
      break;
    }
    expect(endless.destroyed).toBe(true);
  });

  it('reports a source that already failed or ended instead of waiting for events that will not come', async () => {
    const failed = new Readable({ read() {} });
    failed.on('error', () => {});
    failed.destroy(new Error('gone before reading'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(writeTo('failed', piecesOf(failed) as AsyncIterable<Uint8Array>)).rejects.toThrow('gone before reading');
    const ended = Readable.from([Buffer.from('x')], { objectMode: false });
    for await (const piece of ended) expect(piece).toEqual(Buffer.from('x'));
    expect((await writeTo('ended', piecesOf(ended) as AsyncIterable<Uint8Array>)).length).toBe(0);
  });

  it('flushes a large file to disk as it goes, at most one flush at a time, and fails the write if a flush fails', async () => {
    const pieces = Array.from({ length: 64 }, () => randomBytes(4096));
    const handle = await open(join(dir, 'flushed'), 'w');
    try {
      let flushes = 0;
      let running = 0;
      let mostAtOnce = 0;
      const counted = {
        writev: (buffers: Uint8Array[]) => handle.writev(buffers),
        write: (buffer: Uint8Array, offset: number, length: number) => handle.write(buffer, offset, length),
        datasync: async () => {
          flushes += 1;
          mostAtOnce = Math.max(mostAtOnce, (running += 1));
          await handle.datasync().finally(() => (running -= 1));
        },
      } as unknown as FileHandle;
      const size = await writeBatched(counted, toAsync(pieces), { batchBytes: 4096, flushBytes: 16 * 4096 });
      expect(size).toBe(64 * 4096);
      expect(await readFile(join(dir, 'flushed'))).toEqual(Buffer.concat(pieces));
      // One flush per 16 pieces written, unless the previous one was still running.
      expect(flushes).toBeGreaterThanOrEqual(1);
      expect(flushes).toBeLessThanOrEqual(4);
      expect(mostAtOnce).toBe(1);
      expect(running).toBe(0);

      const failingDisk = { ...counted, datasync: () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })) };
      await expect(
        writeBatched(failingDisk as unknown as FileHandle, toAsync(pieces), { batchBytes: 4096, flushBytes: 4096 }),
      ).rejects.toThrow('EIO');
    } finally {
      await handle.close();
    }
  });
});

async function* toAsync(pieces: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* pieces;
}
