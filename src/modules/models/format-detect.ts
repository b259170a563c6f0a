import type { TModelEncoding, TModelFormat } from './models.schema.js';
import { unprocessableModel, unsupportedModel } from './models.errors.js';

export interface DetectedFormat {
  format: TModelFormat;
  encoding: TModelEncoding;
}

/** How many leading bytes `detectModelFormat` wants to see. */
export const formatSniffBytes = 1024;

const byExtension: Record<string, DetectedFormat> = {
  stl: { format: 'stl', encoding: 'binary' },
  obj: { format: 'obj', encoding: 'ascii' },
  ply: { format: 'ply', encoding: 'ascii' },
  '3mf': { format: '3mf', encoding: 'zip' },
  glb: { format: 'gltf', encoding: 'glb' },
  gltf: { format: 'gltf', encoding: 'json' },
};

const objKeywords = new Set(['v', 'vn', 'vt', 'vp', 'f', 'o', 'g', 's', 'l', 'p', 'mtllib', 'usemtl']);

/**
 * Decides the format from the first bytes (see `formatSniffBytes`), using the file name only where the
 * content cannot tell: binary STL has no magic number, so it is the fallback for `.stl` and for names
 * without a model extension. Content wins over a wrong extension for every format that has a signature.
 */
export function detectModelFormat(head: Uint8Array, filename?: string): DetectedFormat {
  if (head.byteLength === 0) throw unprocessableModel('The file is empty.');
  const extension = extensionOf(filename);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { format: '3mf', encoding: 'zip' };
  if (startsWith(head, [0x67, 0x6c, 0x54, 0x46])) return { format: 'gltf', encoding: 'glb' };
  const text = looksLikeText(head) ? Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1') : undefined;
  if (text !== undefined) {
    const body = text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart();
    if (/^ply\r?\n/.test(body)) return { format: 'ply', encoding: plyEncoding(body) };
    if (body.startsWith('{')) return { format: 'gltf', encoding: 'json' };
    if (/^solid\b/i.test(body)) return { format: 'stl', encoding: 'ascii' };
    if (looksLikeObj(body) || extension === 'obj') return { format: 'obj', encoding: 'ascii' };
  } else if (startsWith(head, [0x70, 0x6c, 0x79, 0x0a]) || startsWith(head, [0x70, 0x6c, 0x79, 0x0d])) {
    // A binary PLY's header is text but its body is not; the sniffed bytes may include the body.
    return { format: 'ply', encoding: plyEncoding(Buffer.from(head).toString('latin1')) };
  }
  const known = extension === undefined ? undefined : byExtension[extension];
  if (known !== undefined && known.format === 'stl') return known;
  if (known !== undefined) {
    throw unsupportedModel(`The file is named .${extension} but its content is not a ${known.format.toUpperCase()} model.`, { extension });
  }
  if (text === undefined && head.byteLength >= 84) return { format: 'stl', encoding: 'binary' };
  throw unsupportedModel('The file is not a model format we read. Upload STL, OBJ, PLY, 3MF, glTF or GLB.', { extension: extension ?? null });
}

function extensionOf(filename: string | undefined): string | undefined {
  if (filename === undefined) return undefined;
  const match = /\.([a-z0-9]+)$/i.exec(filename);
  return match?.[1]?.toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Text means no control characters other than tab, LF, CR (bytes ≥ 128 are allowed for UTF-8 names). */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 9 || (b > 13 && b < 32) || b === 127) return false;
  }
  return true;
}

function looksLikeObj(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const keyword = line.split(/\s+/)[0] ?? '';
    return objKeywords.has(keyword);
  }
  return false;
}

function plyEncoding(header: string): TModelEncoding {
  const match = /\nformat\s+(ascii|binary_little_endian|binary_big_endian)\s/.exec(header);
  const value = match?.[1];
  return value === 'binary_little_endian' || value === 'binary_big_endian' ? value : 'ascii';
}
