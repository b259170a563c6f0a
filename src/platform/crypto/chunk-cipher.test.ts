import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { createChunkDecryptor, type ChunkDecryptorOptions } from './chunk-decryptor.js';
import { createChunkEncryptor, type ChunkEncryptor } from './chunk-encryptor.js';
import {
  HEADER_SIZE,
  layoutFromCiphertextSize,
  NONCE_SIZE,
  VAULT_FORMAT,
  VAULT_FORMAT_V1,
  VAULT_FORMAT_V2,
  type VaultFormat,
} from './chunk-format.js';

const key = randomBytes(32);

/** Deterministic odd-sized pieces so chunk and record boundaries fall everywhere. */
function* pieces(data: Buffer, sizes: readonly number[]): Generator<Buffer> {
  let position = 0;
  for (let i = 0; position < data.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    yield data.subarray(position, position + size);
    position += size;
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

async function encryptIn(
  plaintext: Buffer,
  options: { startChunkIndex?: number; endsFile?: boolean; sizes?: number[]; format?: VaultFormat } = {},
): Promise<{ ciphertext: Buffer; encryptor: ChunkEncryptor }> {
  const encryptor = createChunkEncryptor({
    dataKey: key,
    format: options.format,
    startChunkIndex: options.startChunkIndex ?? 0,
    endsFile: options.endsFile ?? true,
    hashPlaintext: true,
  });
  const source = Readable.from(options.sizes ? [...pieces(plaintext, options.sizes)] : [plaintext], { objectMode: false });
  const ciphertext = await collect(source.pipe(encryptor));
  return { ciphertext, encryptor };
}

/** Decrypts, returning the plaintext emitted before any failure together with the failure. */
async function decryptIn(
  ciphertext: Buffer,
  options: Partial<ChunkDecryptorOptions> & { sizes?: number[] } = {},
): Promise<{ plaintext: Buffer; error: unknown; sha256: string | undefined }> {
  const decryptor = createChunkDecryptor({ dataKey: key, hashPlaintext: true, ...options });
  const source = Readable.from(options.sizes ? [...pieces(ciphertext, options.sizes)] : [ciphertext], { objectMode: false });
  const out: Buffer[] = [];
  let error: unknown;
  try {
    for await (const chunk of source.pipe(decryptor)) out.push(chunk as Buffer);
  } catch (caught) {
    error = caught;
  }
  return { plaintext: Buffer.concat(out), error, sha256: decryptor.sha256 };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function recordIn(format: VaultFormat, ciphertext: Buffer, index: number): Buffer {
  const start = HEADER_SIZE + index * format.recordSize;
  return ciphertext.subarray(start, Math.min(start + format.recordSize, ciphertext.length));
}

/**
 * What a reader may have seen before the failure: only whole, authenticated chunks before the bad one
 * (possibly none, since a stream destroyed on error drops what was not read yet), never a byte of it.
 */
function expectOnlyWholeChunksBefore(emitted: Buffer, plaintext: Buffer, badChunkIndex: number, C: number): void {
  expect(emitted.length % C).toBe(0);
  expect(emitted.length).toBeLessThanOrEqual(badChunkIndex * C);
  expect(emitted.equals(plaintext.subarray(0, emitted.length))).toBe(true);
}

function expectIntegrityFailure(error: unknown, chunkIndex?: number): void {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('unprocessable');
  if (chunkIndex !== undefined) expect((error as AppError).details).toEqual({ chunkIndex });
}

// v2 is what new files are written in; v1 is still written to continue an upload begun in v1, and read.
describe.each([
  ['v2', VAULT_FORMAT_V2],
  ['v1', VAULT_FORMAT_V1],
])('chunked AES-256-GCM encryption, format %s', (_name, format) => {
  const C = format.chunkSize;
  const RECORD_SIZE = format.recordSize;
  const encrypt = (plaintext: Buffer, options: Parameters<typeof encryptIn>[1] = {}) => encryptIn(plaintext, { format, ...options });
  const decrypt = (ciphertext: Buffer, options: Parameters<typeof decryptIn>[1] = {}) => decryptIn(ciphertext, { format, ...options });
  const recordAt = (ciphertext: Buffer, index: number): Buffer => recordIn(format, ciphertext, index);
  const expectOnlyChunksBefore = (emitted: Buffer, plaintext: Buffer, badChunkIndex: number): void =>
    expectOnlyWholeChunksBefore(emitted, plaintext, badChunkIndex, C);
  const sizes = [0, 1, C - 1, C, C + 1, 3 * C + 17, 5 * 1024 * 1024 + 3];

  it.each(sizes)('round-trips %i bytes, in one piece or many odd pieces, and hashes the plaintext', async (size) => {
    const plaintext = randomBytes(size);
    for (const inputSizes of [undefined, [1000, 70_000, 1, 65_535, 131_073]]) {
      const { ciphertext, encryptor } = await encrypt(plaintext, inputSizes ? { sizes: inputSizes } : {});
      expect(encryptor.sha256).toBe(sha256(plaintext));
      expect(layoutFromCiphertextSize(format, ciphertext.length).plaintextSize).toBe(size);
      expect(ciphertext.subarray(0, HEADER_SIZE).equals(format.header)).toBe(true);
      if (size >= 64) expect(ciphertext.includes(plaintext.subarray(0, 64))).toBe(false);
      for (const outputSizes of [undefined, [5, 7, 65_600, 1]]) {
        const result = await decrypt(ciphertext, outputSizes ? { sizes: outputSizes } : {});
        expect(result.error).toBeUndefined();
        expect(result.plaintext.equals(plaintext)).toBe(true);
        expect(result.sha256).toBe(sha256(plaintext));
      }
    }
  });

  it('writes every record as the format defines it, whatever pieces the input comes in', async () => {
    // The file built here record by record, straight from chunk-format.ts's description, not with its
    // helpers: a change to how the encryptor feeds its ciphers must not change a byte of what it writes.
    const plaintext = randomBytes(2 * C + 12_345);
    const prefix = randomBytes(8);
    const chunks = Math.floor(plaintext.length / C) + 1;
    const expected = [Buffer.from(format.header)];
    for (let index = 0; index < chunks; index += 1) {
      const nonce = Buffer.concat([prefix, Buffer.from([index >>> 24, (index >>> 16) & 255, (index >>> 8) & 255, index & 255])]);
      const aad = Buffer.concat([format.header, nonce.subarray(8), ...(format.finalFlagInAad ? [Buffer.from([index === chunks - 1 ? 1 : 0])] : [])]);
      const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(aad);
      expected.push(nonce, cipher.update(plaintext.subarray(index * C, (index + 1) * C)), cipher.final(), cipher.getAuthTag());
    }
    for (const inputSizes of [[plaintext.length], [1, 100_000, 7], [C + 1]]) {
      const encryptor = createChunkEncryptor({ dataKey: key, format, endsFile: true, noncePrefix: prefix });
      const ciphertext = await collect(Readable.from([...pieces(plaintext, inputSizes)]).pipe(encryptor));
      expect(ciphertext.equals(Buffer.concat(expected))).toBe(true);
    }
  });

  it('gives every file a different ciphertext for the same plaintext', async () => {
    const plaintext = Buffer.alloc(1000, 7);
    const first = await encrypt(plaintext);
    const second = await encrypt(plaintext);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  describe('detects tampering', () => {
    const plaintext = randomBytes(3 * C + 100); // records 0, 1, 2 full and 3 final
    const encrypted = encrypt(plaintext).then((result) => result.ciphertext);

    it.each([0, 1, 2, 3])('in chunk %i (nonce, ciphertext or tag) and emits only the chunks before it', async (index) => {
      const ciphertext = await encrypted;
      const record = recordAt(ciphertext, index);
      for (const offsetInRecord of [0, NONCE_SIZE + 5, record.length - 1]) {
        const tampered = Buffer.from(ciphertext);
        const position = record.byteOffset - ciphertext.byteOffset + offsetInRecord;
        tampered[position] = (tampered[position] ?? 0) ^ 0x01;
        const result = await decrypt(tampered, { sizes: [RECORD_SIZE] });
        expectIntegrityFailure(result.error, index);
        expectOnlyChunksBefore(result.plaintext, plaintext, index);
      }
    });

    it('in the header', async () => {
      const tampered = Buffer.from(await encrypted);
      tampered[11] = 0x01; // chunk size field
      expectIntegrityFailure((await decrypt(tampered)).error);
      expect((await decrypt(tampered)).plaintext.length).toBe(0);
    });

    it('when two chunks are swapped', async () => {
      const ciphertext = await encrypted;
      const swapped = Buffer.concat([
        ciphertext.subarray(0, HEADER_SIZE),
        recordAt(ciphertext, 0),
        recordAt(ciphertext, 2),
        recordAt(ciphertext, 1),
        recordAt(ciphertext, 3),
      ]);
      expect(swapped.length).toBe(ciphertext.length);
      const result = await decrypt(swapped, { sizes: [1000] });
      expectIntegrityFailure(result.error, 1);
      expectOnlyChunksBefore(result.plaintext, plaintext, 1);
    });

    it('when a chunk is dropped or duplicated', async () => {
      const ciphertext = await encrypted;
      const header = ciphertext.subarray(0, HEADER_SIZE);
      const [r0, r1, r2, r3] = [0, 1, 2, 3].map((i) => recordAt(ciphertext, i));
      const dropped = Buffer.concat([header, r0 ?? Buffer.alloc(0), r2 ?? Buffer.alloc(0), r3 ?? Buffer.alloc(0)]);
      expectIntegrityFailure((await decrypt(dropped)).error, 1);
      const duplicated = Buffer.concat([header, r0, r1, r1, r2, r3].map((r) => r ?? Buffer.alloc(0)));
      expectIntegrityFailure((await decrypt(duplicated)).error, 2);
    });

    it('when the last chunk is removed or cut short, or everything after the header is', async () => {
      const ciphertext = await encrypted;
      const withoutLast = ciphertext.subarray(0, HEADER_SIZE + 3 * RECORD_SIZE);
      const withoutLastResult = await decrypt(withoutLast);
      // v1: chunk 2 was not written as the final one. v2: a stream never ends on a full record.
      const failsAt = format.finalFlagInAad ? 2 : 3;
      expectIntegrityFailure(withoutLastResult.error, failsAt);
      expectOnlyChunksBefore(withoutLastResult.plaintext, plaintext, failsAt);
      expectIntegrityFailure((await decrypt(ciphertext.subarray(0, ciphertext.length - 1))).error, 3);
      expectIntegrityFailure((await decrypt(ciphertext.subarray(0, ciphertext.length - 100))).error, 3);
      expectIntegrityFailure((await decrypt(ciphertext.subarray(0, HEADER_SIZE))).error);
      expectIntegrityFailure((await decrypt(ciphertext.subarray(0, 5))).error);
      expectIntegrityFailure((await decrypt(Buffer.alloc(0))).error);
    });

    it('when a chunk is appended after the final one', async () => {
      const ciphertext = await encrypted;
      for (const extra of [recordAt(ciphertext, 3), recordAt(ciphertext, 1), randomBytes(RECORD_SIZE)]) {
        const result = await decrypt(Buffer.concat([ciphertext, extra]));
        expectIntegrityFailure(result.error, 3);
        expectOnlyChunksBefore(result.plaintext, plaintext, 3);
      }
    });

    it('when the data key is wrong', async () => {
      const result = await decrypt(await encrypted, { dataKey: randomBytes(32) });
      expectIntegrityFailure(result.error, 0);
      expect(result.plaintext.length).toBe(0);
    });
  });

  it('resumes after a simulated restart: first K chunks, then a fresh encryptor from chunk K', async () => {
    const plaintext = randomBytes(7 * C + 4321);
    const K = 3;
    // Session 1 receives K chunks and part of the next; the partial chunk is dropped, not stored.
    const first = await encrypt(plaintext.subarray(0, K * C + 500), { endsFile: false, sizes: [40_000] });
    expect(first.encryptor.nextChunkIndex).toBe(K);
    expect(first.encryptor.discardedTailBytes).toBe(500);
    expect(first.encryptor.committedPlaintextBytes).toBe(K * C);
    const storedFirst = Buffer.from(first.ciphertext);
    // Everything in memory is gone; only the stored bytes and the chunk count survive.
    const second = await encrypt(plaintext.subarray(K * C), { startChunkIndex: K, endsFile: true, sizes: [99_999] });
    const whole = Buffer.concat([storedFirst, second.ciphertext]);
    const result = await decrypt(whole);
    expect(result.error).toBeUndefined();
    expect(result.plaintext.equals(plaintext)).toBe(true);
    expect(result.sha256).toBe(createHash('sha256').update(plaintext).digest('hex'));
    // Each session draws its own nonce prefix, so a re-sent chunk never reuses a nonce.
    const prefixOf = (index: number): string => recordAt(whole, index).subarray(0, 8).toString('hex');
    expect(prefixOf(0)).toBe(prefixOf(K - 1));
    expect(prefixOf(K)).not.toBe(prefixOf(0));
  });

  it('ends a resumed upload on a chunk boundary with an empty final chunk', async () => {
    const plaintext = randomBytes(2 * C);
    const first = await encrypt(plaintext, { endsFile: false });
    expect(first.encryptor.nextChunkIndex).toBe(2);
    const last = createChunkEncryptor({ dataKey: key, startChunkIndex: 2, endsFile: false, format });
    const tail = collect(last);
    last.finalize();
    const whole = Buffer.concat([first.ciphertext, await tail]);
    const result = await decrypt(whole);
    expect(result.error).toBeUndefined();
    expect(result.plaintext.equals(plaintext)).toBe(true);
  });

  it('a file whose last session is not final cannot be read: the stream says it is truncated', async () => {
    const { ciphertext } = await encrypt(randomBytes(2 * C), { endsFile: false });
    expectIntegrityFailure((await decrypt(ciphertext)).error);
  });

  it('decrypts a run of records from the middle when told where it starts and ends', async () => {
    const plaintext = randomBytes(4 * C + 10);
    const { ciphertext } = await encrypt(plaintext);
    const middle = ciphertext.subarray(HEADER_SIZE + RECORD_SIZE, HEADER_SIZE + 3 * RECORD_SIZE);
    const result = await decrypt(middle, { startChunkIndex: 1, endsAtFinalChunk: false });
    expect(result.error).toBeUndefined();
    expect(result.plaintext.equals(plaintext.subarray(C, 3 * C))).toBe(true);
    expectIntegrityFailure((await decrypt(middle, { startChunkIndex: 2, endsAtFinalChunk: false })).error, 2);
    const tailOnly = ciphertext.subarray(HEADER_SIZE + 4 * RECORD_SIZE);
    const tail = await decrypt(tailOnly, { startChunkIndex: 4 });
    expect(tail.plaintext.equals(plaintext.subarray(4 * C))).toBe(true);
  });

  it('refuses bad keys and chunk indexes up front', () => {
    expect(() => createChunkEncryptor({ dataKey: randomBytes(16), endsFile: true })).toThrow(AppError);
    expect(() => createChunkEncryptor({ dataKey: key, endsFile: true, startChunkIndex: -1 })).toThrow(AppError);
    expect(() => createChunkEncryptor({ dataKey: key, endsFile: true, startChunkIndex: 2 ** 32 })).toThrow(AppError);
    expect(() => createChunkEncryptor({ dataKey: key, endsFile: true, noncePrefix: randomBytes(12) })).toThrow(AppError);
    expect(() => createChunkDecryptor({ dataKey: randomBytes(31) })).toThrow(AppError);
  });
});

describe('the v2 format', () => {
  it('is what a new file is written in, and says so in its header', async () => {
    expect(VAULT_FORMAT).toBe(VAULT_FORMAT_V2);
    const { ciphertext } = await encryptIn(randomBytes(10));
    expect(ciphertext.subarray(0, HEADER_SIZE).equals(VAULT_FORMAT_V2.header)).toBe(true);
    expect(ciphertext.readUInt32BE(4)).toBe(2);
  });

  it('ends a file whose size is a whole number of chunks with an empty record, and only then', async () => {
    const C = VAULT_FORMAT_V2.chunkSize;
    for (const sizes of [undefined, [C], [C - 1, 1], [7777]]) {
      const { ciphertext } = await encryptIn(randomBytes(2 * C), { sizes });
      expect(ciphertext.length).toBe(HEADER_SIZE + 2 * VAULT_FORMAT_V2.recordSize + 28);
    }
    const { ciphertext } = await encryptIn(randomBytes(2 * C - 1));
    expect(ciphertext.length).toBe(HEADER_SIZE + 2 * VAULT_FORMAT_V2.recordSize - 1);
  });

  it('refuses a v1 file read as v2 past its header, and a v2 file whose header claims v1', async () => {
    const plaintext = randomBytes(3 * VAULT_FORMAT_V1.chunkSize + 9);
    const v1 = await encryptIn(plaintext, { format: VAULT_FORMAT_V1 });
    const v2 = await encryptIn(plaintext);
    expectIntegrityFailure((await decryptIn(v1.ciphertext.subarray(HEADER_SIZE), { startChunkIndex: 0, format: VAULT_FORMAT_V2 })).error);
    const relabelled = Buffer.concat([VAULT_FORMAT_V1.header, v2.ciphertext.subarray(HEADER_SIZE)]);
    expectIntegrityFailure((await decryptIn(relabelled)).error, 0);
    expect((await decryptIn(v1.ciphertext)).plaintext.equals(plaintext)).toBe(true);
  });
});
