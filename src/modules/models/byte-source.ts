import { assertInputSize, type ModelLimits } from './limits.js';
import { unprocessableModel } from './models.errors.js';

/** Turns a Node Readable (or any async iterable of bytes) into byte chunks, refusing input over the size limit. */
export async function* readBoundedChunks(source: AsyncIterable<unknown>, limits: ModelLimits): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    const bytes = toBytes(chunk);
    total += bytes.byteLength;
    assertInputSize(total, limits);
    if (bytes.byteLength > 0) yield bytes;
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw unprocessableModel('The model stream produced something other than bytes; open it without an encoding.');
}

/**
 * A pull reader over byte chunks for binary formats. The hot loops read straight from `bytes`/`view`
 * between `pos` and `end`, and call `fill` only when a record straddles two chunks, so most records are
 * parsed synchronously without copying.
 */
export class ByteReader {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(this.bytes.buffer);
  pos = 0;
  end = 0;
  /** Bytes already dropped before `bytes[0]`, so `offset` is the position in the whole file. */
  private dropped = 0;
  private exhausted = false;
  /** The part of the last chunk not yet moved into `bytes` (see `append`). */
  private pending: Uint8Array | null = null;
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  get available(): number {
    return this.end - this.pos;
  }

  get offset(): number {
    return this.dropped + this.pos;
  }

  /** Makes at least `min` bytes available; false when the input ends first. */
  async fill(min: number): Promise<boolean> {
    return this.fillUpTo(min, false);
  }

  /**
   * As `fill`, for a fixed-size record that straddles two chunks: only the bytes that complete it are
   * copied behind the leftover, and the rest of the new chunk is read in place next, where `fill`
   * would copy the whole chunk (a binary STL's 1 MiB chunks end mid-record nearly every time).
   */
  async fillRecord(size: number): Promise<boolean> {
    return this.fillUpTo(size, true);
  }

  private async fillUpTo(min: number, onlyWhatIsMissing: boolean): Promise<boolean> {
    while (this.end - this.pos < min) {
      if (this.pending !== null) {
        const chunk = this.pending;
        this.pending = null;
        this.append(chunk, onlyWhatIsMissing ? min : Infinity);
        continue;
      }
      if (this.exhausted) return false;
      const next = await this.iterator.next();
      if (next.done === true) {
        this.exhausted = true;
        return false;
      }
      this.append(next.value, onlyWhatIsMissing ? min : Infinity);
    }
    return true;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** Returns the next `n` bytes (a view, valid until the next fill) or throws when the input is shorter. */
  async take(n: number, what: string): Promise<Uint8Array> {
    if (!(await this.fill(n))) throw unprocessableModel(`The file ends in the middle of ${what}; it is truncated.`, { offset: this.offset });
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /**
   * Reads exactly `n` bytes into a new buffer, collecting the pieces as they arrive: the allocation
   * follows the data, not the announced `n`, and large reads are not copied once per chunk.
   */
  async readBytes(n: number, what: string): Promise<Buffer> {
    const pieces: Uint8Array[] = [];
    let got = 0;
    while (got < n) {
      if (this.available === 0 && !(await this.fill(1))) {
        throw unprocessableModel(`The file ends in the middle of ${what}; it is truncated.`, { offset: this.offset });
      }
      const k = Math.min(this.available, n - got);
      pieces.push(this.bytes.subarray(this.pos, this.pos + k));
      this.pos += k;
      got += k;
    }
    return Buffer.concat(pieces, n);
  }

  /** The unread bytes, then the rest of the input: for handing a text body to a line reader. */
  async *rest(): AsyncGenerator<Uint8Array> {
    if (this.pos < this.end) yield this.bytes.subarray(this.pos, this.end);
    this.dropped += this.end;
    if (this.pending !== null) {
      const chunk = this.pending;
      this.pending = null;
      this.dropped += chunk.byteLength;
      yield chunk;
    }
    this.pos = 0;
    this.end = 0;
    this.bytes = new Uint8Array(0);
    while (!this.exhausted) {
      const next = await this.iterator.next();
      if (next.done === true) {
        this.exhausted = true;
        return;
      }
      this.dropped += next.value.byteLength;
      yield next.value;
    }
  }

  /** Moves `chunk` in; with bytes left over, up to `min` bytes in all are joined and the rest waits in `pending`. */
  private append(chunk: Uint8Array, min: number): void {
    if (this.pos === this.end) {
      this.dropped += this.end;
      this.bytes = chunk;
      this.pos = 0;
      this.end = chunk.byteLength;
    } else {
      const leftover = this.end - this.pos;
      const joined = Math.min(chunk.byteLength, Math.max(0, min - leftover));
      if (joined < chunk.byteLength) this.pending = chunk.subarray(joined);
      const merged = new Uint8Array(leftover + joined);
      merged.set(this.bytes.subarray(this.pos, this.end), 0);
      merged.set(chunk.subarray(0, joined), leftover);
      this.dropped += this.pos;
      this.bytes = merged;
      this.pos = 0;
      this.end = merged.byteLength;
    }
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }
}

/** Reads up to `n` bytes from the start of the input and gives back an iterable that replays them first. */
export async function peekChunks(
  chunks: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{ head: Uint8Array; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let length = 0;
  let finished = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done === true) {
      finished = true;
      break;
    }
    seen.push(next.value);
    length += next.value.byteLength;
  }
  const joined = Buffer.concat(seen);
  async function* replay(): AsyncGenerator<Uint8Array> {
    if (joined.byteLength > 0) yield joined;
    if (finished) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head: joined.subarray(0, Math.min(n, joined.byteLength)), chunks: replay() };
}
