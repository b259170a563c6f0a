import type { ByteReader } from './byte-source.js';
import type { TModelEncoding } from './models.schema.js';
import { unprocessableModel, unsupportedModel } from './models.errors.js';

export type PlyScalar = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

export type PlyProperty = { name: string; kind: 'scalar'; type: PlyScalar } | { name: string; kind: 'list'; countType: PlyScalar; itemType: PlyScalar };

export interface PlyElement {
  name: string;
  count: number;
  properties: PlyProperty[];
}

export interface PlyHeader {
  encoding: Extract<TModelEncoding, 'ascii' | 'binary_little_endian' | 'binary_big_endian'>;
  elements: PlyElement[];
  /** Lines the header took, so ASCII body errors can name the right line. */
  lineCount: number;
}

const scalarAliases: Record<string, PlyScalar> = {
  char: 'int8',
  int8: 'int8',
  uchar: 'uint8',
  uint8: 'uint8',
  short: 'int16',
  int16: 'int16',
  ushort: 'uint16',
  uint16: 'uint16',
  int: 'int32',
  int32: 'int32',
  uint: 'uint32',
  uint32: 'uint32',
  float: 'float32',
  float32: 'float32',
  double: 'float64',
  float64: 'float64',
};

export const plyScalarBytes: Record<PlyScalar, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

/** A PLY header is a few hundred bytes; anything longer without `end_header` is not a PLY file. */
const maxHeaderBytes = 64 * 1024;

export async function readPlyHeader(reader: ByteReader): Promise<PlyHeader> {
  const text = await readHeaderText(reader);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trim());
  if (lines[0] !== 'ply') throw unprocessableModel('The PLY file does not start with "ply".');
  let encoding: PlyHeader['encoding'] | undefined;
  const elements: PlyElement[] = [];
  for (let i = 1; i < lines.length; i++) {
    const tokens = (lines[i] ?? '').split(/\s+/);
    const fail = (message: string): Error => unprocessableModel(`PLY header line ${i + 1}: ${message}`, { line: i + 1 });
    switch (tokens[0]) {
      case 'format': {
        const value = tokens[1];
        if (value !== 'ascii' && value !== 'binary_little_endian' && value !== 'binary_big_endian') throw fail(`unknown format "${value ?? ''}".`);
        encoding = value;
        break;
      }
      case 'element': {
        const count = Number(tokens[2]);
        if (tokens[1] === undefined || !Number.isSafeInteger(count) || count < 0) throw fail('an element needs a name and a non-negative count.');
        elements.push({ name: tokens[1], count, properties: [] });
        break;
      }
      case 'property': {
        const element = elements.at(-1);
        if (element === undefined) throw fail('a property before any element.');
        element.properties.push(parseProperty(tokens, fail));
        break;
      }
      case 'comment':
      case 'obj_info':
      case undefined:
      case '':
      case 'end_header':
        break;
      default:
        throw fail(`unknown header keyword "${(tokens[0] ?? '').slice(0, 40)}".`);
    }
  }
  if (encoding === undefined) throw unprocessableModel('The PLY header has no "format" line.');
  return { encoding, elements, lineCount: lines.length };
}

function parseProperty(tokens: string[], fail: (message: string) => Error): PlyProperty {
  if (tokens[1] === 'list') {
    const countType = scalarAliases[tokens[2] ?? ''];
    const itemType = scalarAliases[tokens[3] ?? ''];
    const name = tokens[4];
    if (countType === undefined || itemType === undefined || name === undefined) throw fail('a list property needs a count type, an item type and a name.');
    if (countType === 'float32' || countType === 'float64') throw fail('a list count must be an integer type.');
    return { name, kind: 'list', countType, itemType };
  }
  const type = scalarAliases[tokens[1] ?? ''];
  const name = tokens[2];
  if (type === undefined || name === undefined) throw fail(`unknown property type "${(tokens[1] ?? '').slice(0, 40)}".`);
  return { name, kind: 'scalar', type };
}

/** Consumes the header through the newline after `end_header`, leaving the reader at the body. */
async function readHeaderText(reader: ByteReader): Promise<string> {
  let searched = 0;
  for (;;) {
    const window = Buffer.from(reader.bytes.buffer, reader.bytes.byteOffset + reader.pos, reader.available);
    const marker = window.indexOf('end_header', Math.max(0, searched - 12), 'latin1');
    if (marker >= 0) {
      const newline = window.indexOf(0x0a, marker);
      if (newline >= 0) {
        const text = window.toString('latin1', 0, newline);
        reader.pos += newline + 1;
        return text;
      }
    }
    searched = reader.available;
    if (searched > maxHeaderBytes) throw unsupportedModel('The PLY header is longer than 64 KB or has no "end_header"; this is not a PLY file we can read.');
    if (!(await reader.fill(reader.available + 1))) throw unprocessableModel('The PLY file ends before "end_header"; it is truncated.');
  }
}
