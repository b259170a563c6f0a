import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.js';
import { createRandom } from './test-meshes.js';
import { forEachTextLine, TextLine } from './text-line.js';

const random = createRandom(12);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** `text` as latin1 bytes in chunks cut at random places (some empty), as a stream hands them over. */
async function* chunksOf(text: string, maxChunk: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'latin1');
  for (let at = 0; at < bytes.length; ) {
    const size = Math.floor(random() * maxChunk);
    // A copy in a reused-looking buffer: the reader must not keep a view of it past the chunk.
    yield Uint8Array.from(bytes.subarray(at, at + size));
    at += size;
  }
}

/**
 * Every token of every line, with its line number, by plain string operations: lines split on '\n'
 * (a last line without one counts, an empty one does not), tokens as trim() and split(/\s+/) give them.
 * A line longer than the limit is refused (counted before its '\r' is dropped).
 */
function tokensByStrings(text: string, maxLineBytes: number): string[][] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    if (line.length > maxLineBytes) throw new AppError('unprocessable', 'too long', { line: index + 1 });
    const trimmed = line.trim();
    return [String(index + 1), ...(trimmed === '' ? [] : trimmed.split(/\s+/))];
  });
}

async function tokensByCursor(text: string, maxLineBytes: number, maxChunk: number): Promise<string[][]> {
  const lines: string[][] = [];
  await forEachTextLine(chunksOf(text, maxChunk), maxLineBytes, (line, n) => {
    const tokens = [String(n)];
    while (line.next()) tokens.push(line.text());
    lines.push(tokens);
  });
  return lines;
}

/** The cursor over one line of text, at its first token. */
function cursorAt(text: string): TextLine {
  const bytes = Buffer.from(text, 'latin1');
  const line = new TextLine();
  line.reset(bytes, 0, bytes.length);
  line.next();
  return line;
}

describe('TextLine', () => {
  it('reads numbers exactly as Number() does, bit for bit, on random and odd tokens', () => {
    const alphabet = ['0', '1', '5', '9', '.', 'e', 'E', '-', '+', 'x', 'I', '_', 'n'];
    const tokens: string[] = [];
    for (let n = 0; n < 20_000; n++) tokens.push(Array.from({ length: 1 + Math.floor(random() * 10) }, () => pick(alphabet)).join(''));
    for (let n = 0; n < 20_000; n++) {
      const value = (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      const digits = 1 + Math.floor(random() * 16);
      tokens.push(String(value), value.toFixed(Math.min(digits, 20)), value.toExponential(digits), value.toPrecision(digits), String(Math.fround(value)));
    }
    tokens.push(
      ...['0', '-0', '+0', '-0.0', '0e5', '0e-30', '.5', '5.', '.', '-', '+', 'e5', '5e', '5e+', '1e22', '1e23', '1e-22', '1.5e-21', '9007199254740993'],
      ...['123456789012345', '1234567890123456', '0.000000000000000000001', '00012', '1_000', '0x1F', '0b11', 'Infinity', '-Infinity', 'NaN', '1e400', '-1e-400'],
      ...['1e1000000', '2.2250738585072011e-308', '179769313486231570000000000000000000000', '0.1', '0.2', '0.3', '-45.000000', '1.7976931348623157e308'],
    );
    for (const token of tokens) expect(Object.is(cursorAt(token).number(), Number(token)), token).toBe(true);
  });

  it('reads 16- and 17-digit decimals, and those either side of 2^53, exactly as Number() does', () => {
    const tokens = ['9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740991e-22', '9007199254740991e22', '9007199254740991e23'];
    tokens.push('900719925474099.1', '900719925474099.2', '0.9007199254740991', '0.9007199254740993', '90071992547409910', '4503599627370497.5');
    for (let n = 0; n < 50_000; n++) {
      // A whole number of 15 to 17 digits, its point anywhere in it or past it, and a power of ten.
      const digits = String(Math.floor(random() * 9) + 1) + Array.from({ length: 14 + Math.floor(random() * 3) }, () => String(Math.floor(random() * 10))).join('');
      const point = Math.floor(random() * (digits.length + 1));
      const decimal = `${digits.slice(0, point) || '0'}.${digits.slice(point)}`;
      tokens.push(decimal, `-${decimal}`, `${digits}e${Math.floor(random() * 50) - 25}`);
    }
    // What JavaScript prints for a double (15 to 17 digits), as exporters written in it do.
    for (let n = 0; n < 50_000; n++) tokens.push(String((random() - 0.5) * 10 ** Math.floor(random() * 8)));
    for (const token of tokens) expect(Object.is(cursorAt(token).number(), Number(token)), token).toBe(true);
  });

  it('splits lines into the tokens trim() and split(/\\s+/) give, on every latin1 whitespace, however the text is cut', async () => {
    const alphabet = ['a', 'v', 'f', '1', '-', '.', '/', '\t', '\v', '\f', '\r', ' ', '\u00a0', '\u0085', '\u00ff', '#', '\n', '\n', '\r\n'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(random() * 200) }, () => pick(alphabet)).join('');
      const expected = tokensByStrings(text, 1000);
      for (const maxChunk of [2, 7, 64]) expect(await tokensByCursor(text, 1000, maxChunk), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('refuses a line longer than the limit, naming it, however the text is cut', async () => {
    const refusalOf = (work: () => Promise<unknown>) => work().then(() => undefined, (error: unknown) => error);
    for (const text of ['short\n' + 'x'.repeat(40) + '\nmore\n', 'ok\nok\n' + 'y'.repeat(41), 'a\n'.repeat(5) + 'z'.repeat(39) + '\r\n', 'b'.repeat(41) + '\n']) {
      const expected = await refusalOf(async () => tokensByStrings(text, 40));
      for (const maxChunk of [3, 16, 100]) {
        const actual = await refusalOf(() => tokensByCursor(text, 40, maxChunk));
        if (expected === undefined) expect(actual, JSON.stringify(text)).toBeUndefined();
        else expect(actual, JSON.stringify(text)).toMatchObject({ code: 'unprocessable', details: (expected as AppError).details });
      }
    }
  });

  it('compares keywords by byte, in either case when asked, and reads the whole line for messages', () => {
    const line = cursorAt('  OuTeR loop  ');
    expect(line.is('outer')).toBe(false);
    expect(line.is('outer', true)).toBe(true);
    expect(line.is('oute', true)).toBe(false);
    expect(line.lineText()).toBe('OuTeR loop');
    expect(line.next()).toBe(true);
    expect(line.text()).toBe('loop');
    expect(line.next()).toBe(false);
    expect(line.number()).toBeNaN();
  });
});
