import { unprocessableModel } from './models.errors.js';

/**
 * One line of a model's text body, read in place as bytes: a cursor over its whitespace-separated
 * tokens that reads keywords and numbers without making a string of the line, its tokens or its
 * numbers (a 1M-triangle OBJ has 1.5M lines and 7.5M tokens; strings for them were most of its parse).
 * Text is read as latin1: every keyword and number is ASCII, and latin1 cannot fail on stray bytes.
 */
export class TextLine {
  bytes: Uint8Array = new Uint8Array(0);
  /** Where the current token starts and ends; `start === end` before the first `next()` and after the last. */
  start = 0;
  end = 0;
  #lineEnd = 0;
  #lineStart = 0;
  /** `bytes` as text, made once per chunk when a token is first wanted as text. */
  #text: string | undefined;

  /** Points the cursor at `bytes[from, to)`, before its first token. */
  reset(bytes: Uint8Array, from: number, to: number): void {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.#text = undefined;
    }
    this.#lineStart = from;
    this.#lineEnd = to;
    this.start = from;
    this.end = from;
  }

  /** Back to before the line's first token. */
  rewind(): void {
    this.start = this.#lineStart;
    this.end = this.#lineStart;
  }

  /** Moves to the next token; false (and an empty token) when the line has no more. */
  next(): boolean {
    const bytes = this.bytes;
    const lineEnd = this.#lineEnd;
    let i = this.end;
    while (i < lineEnd && isSpace(bytes[i]!)) i++;
    this.start = i;
    while (i < lineEnd && !isSpace(bytes[i]!)) i++;
    this.end = i;
    return i > this.start;
  }

  /** The current token's text. */
  text(): string {
    return this.#chunkText().slice(this.start, this.end);
  }

  /** The whole line, trimmed, for messages. */
  lineText(): string {
    return this.#chunkText().slice(this.#lineStart, this.#lineEnd).trim();
  }

  /** One decoding of the whole chunk, which token texts are slices of (a string per token was a native call each). */
  #chunkText(): string {
    const bytes = this.bytes;
    return (this.#text ??= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  }

  /** The current token's first byte, or -1 when there is no token. */
  firstByte(): number {
    return this.start < this.end ? this.bytes[this.start]! : -1;
  }

  /** Whether the current token is exactly `word` (ASCII letters, compared in either case with `anyCase`). */
  is(word: string, anyCase = false): boolean {
    if (this.end - this.start !== word.length) return false;
    const bytes = this.bytes;
    for (let k = 0; k < word.length; k++) {
      const byte = bytes[this.start + k]!;
      if (byte !== word.charCodeAt(k) && !(anyCase && (byte | 0x20) === word.charCodeAt(k))) return false;
    }
    return true;
  }

  /** The next token as a finite number; refused, naming `format` and the line, when it is anything else. */
  nextFiniteNumber(format: string, lineNumber: number): number {
    const value = this.next() ? this.number() : Number.NaN;
    if (!Number.isFinite(value)) {
      const where = `on ${format} line ${lineNumber}`;
      throw unprocessableModel(`Expected a finite number ${where} but found "${this.text().slice(0, 40)}".`, { where });
    }
    return value;
  }

  /**
   * The current token as `Number(token)` reads it (NaN when it is not a number, or there is no token).
   * Plain decimals whose digits, read as a whole number, stay under 2^53 and whose power of ten is at
   * most 22 are read here: both are exact doubles (every step of reading the digits is exact below
   * 2^53), so one multiplication or division rounds exactly as `Number` does (Clinger's fast path). That
   * takes in the 16-digit numbers a shortest round-trip print (JavaScript's, Python's repr) often makes.
   * Anything else (more digits, hex, "Infinity", a stray character) goes to `Number`.
   */
  number(): number {
    const bytes = this.bytes;
    const end = this.end;
    let i = this.start;
    if (i === end) return Number.NaN;
    const negative = bytes[i] === 45; // '-'
    if (negative || bytes[i] === 43) i++; // '+'
    let mantissa = 0;
    let digits = 0;
    let exponent = 0;
    let byte = 0;
    for (; i < end; i++) {
      byte = bytes[i]!;
      if (byte < 48 || byte > 57) break;
      digits++;
      mantissa = mantissa * 10 + (byte - 48);
    }
    if (i < end && byte === 46) {
      // '.'
      for (i++; i < end; i++) {
        byte = bytes[i]!;
        if (byte < 48 || byte > 57) break;
        digits++;
        mantissa = mantissa * 10 + (byte - 48);
        exponent--;
      }
    }
    if (i < end && (byte === 101 || byte === 69) && digits > 0) {
      // 'e' or 'E'
      i++;
      const negativePower = bytes[i] === 45;
      if (negativePower || bytes[i] === 43) i++;
      const first = i;
      let power = 0;
      for (; i < end && power < 1e6; i++) {
        byte = bytes[i]!;
        if (byte < 48 || byte > 57) break;
        power = power * 10 + (byte - 48);
      }
      if (i === first) return this.#slowNumber();
      exponent += negativePower ? -power : power;
    }
    if (i !== end || digits === 0 || mantissa >= EXACT_INTEGER_LIMIT || exponent > 22 || exponent < -22) return this.#slowNumber();
    const value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent]! : mantissa / POWERS_OF_TEN[-exponent]!;
    return negative ? -value : value;
  }

  #slowNumber(): number {
    return Number(this.text());
  }
}

/**
 * 2^53: every whole number below it is an exact double. Reading digits past it may round, and a
 * rounded value can land on 2^53 itself, so 2^53 already counts as past.
 */
const EXACT_INTEGER_LIMIT = 2 ** 53;

/** 10^0 … 10^22: every one an exact double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** `\s` on a latin1 character: tab to carriage return, space and no-break space. */
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

/**
 * Calls `onLine` for every line of a text body with a cursor over it (valid only during the call), read
 * in place from each chunk; only a line split across chunks is copied. A line longer than
 * `maxLineBytes` is refused, so a file without newlines cannot grow the carry-over without bound.
 */
export async function forEachTextLine(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  onLine: (line: TextLine, lineNumber: number) => void,
  firstLineNumber = 1,
): Promise<void> {
  const line = new TextLine();
  let lineNumber = firstLineNumber;
  const emit = (bytes: Uint8Array, from: number, to: number): void => {
    if (to - from > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
    line.reset(bytes, from, to > from && bytes[to - 1] === 13 ? to - 1 : to); // a CRLF line's '\r'
    onLine(line, lineNumber++);
  };
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (carry !== null) {
      const newline = bytes.indexOf(10);
      const joined: Buffer = Buffer.concat([carry, bytes.subarray(0, newline < 0 ? bytes.length : newline)]);
      if (newline < 0) {
        if (joined.length > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
        carry = joined;
        continue;
      }
      carry = null;
      emit(joined, 0, joined.length);
      start = newline + 1;
    }
    for (;;) {
      const newline = bytes.indexOf(10, start);
      if (newline < 0) break;
      emit(bytes, start, newline);
      start = newline + 1;
    }
    // The chunk's buffer may be reused by the reader: what is left of it is copied.
    if (start < bytes.length) {
      if (bytes.length - start > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
      carry = Buffer.from(bytes.subarray(start));
    }
  }
  if (carry !== null) emit(carry, 0, carry.length);
}

function lineTooLong(lineNumber: number, maxLineBytes: number): Error {
  return unprocessableModel(`Line ${lineNumber} is longer than ${maxLineBytes} bytes; this is not a model text file or it is corrupt.`, {
    line: lineNumber,
  });
}
