import { unprocessableModel } from './models.errors.js';

/**
 * Calls `onLine` for every line of a text body, decoding as latin1 (every model keyword and number is
 * ASCII, and latin1 cannot fail on stray bytes). Awaits once per chunk, not per line. A line longer than
 * `maxLineBytes` is refused so a file without newlines cannot grow the carry-over without bound.
 */
export async function forEachLine(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  onLine: (line: string, lineNumber: number) => void,
  firstLineNumber = 1,
): Promise<void> {
  let carry = '';
  let lineNumber = firstLineNumber;
  for await (const chunk of chunks) {
    const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      if (newline - start > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
      onLine(stripCarriageReturn(text.slice(start, newline)), lineNumber++);
      start = newline + 1;
    }
    carry = text.slice(start);
    if (carry.length > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
  }
  if (carry.length > 0) onLine(stripCarriageReturn(carry), lineNumber);
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function lineTooLong(lineNumber: number, maxLineBytes: number): Error {
  return unprocessableModel(`Line ${lineNumber} is longer than ${maxLineBytes} bytes; this is not a model text file or it is corrupt.`, {
    line: lineNumber,
  });
}

/**
 * Splits a line on runs of whitespace (what `\s` matches in latin1: tab to carriage return, space and
 * no-break space), dropping empty tokens. A scan by character code: the regular-expression split was a
 * fifth of a large OBJ's parse.
 */
export function splitTokens(line: string): string[] {
  const tokens: string[] = [];
  const end = line.length;
  let i = 0;
  while (i < end) {
    while (i < end && isSpace(line.charCodeAt(i))) i++;
    if (i === end) break;
    const start = i;
    while (i < end && !isSpace(line.charCodeAt(i))) i++;
    tokens.push(line.slice(start, i));
  }
  return tokens;
}

/** `\s` on a latin1 character (lines are decoded as latin1, so nothing above 0xFF reaches here). */
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

/** Parses a number token; refuses anything that is not a finite number with a message naming the place. */
export function parseFiniteNumber(token: string | undefined, where: string): number {
  const value = token === undefined || token === '' ? Number.NaN : Number(token);
  if (!Number.isFinite(value)) {
    throw unprocessableModel(`Expected a finite number ${where} but found "${(token ?? '').slice(0, 40)}".`, { where });
  }
  return value;
}
