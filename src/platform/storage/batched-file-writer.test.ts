import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { piecesOf, writeBatched } from './batched-file-writer.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshvault-batched-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTo(name: string, pieces: AsyncIterable<Uint8Array>, batchBytes?: number): Promise<Buffer> {
  const handle = await open(join(dir, name), 'w');
  try {
    await writeBatched(handle, pieces, batchBytes);
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
      const written = await writeTo(`f${batchBytes}`, Readable.from(pieces, { objectMode: false }) as AsyncIterable<Uint8Array>, batchBytes);
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
});
