import type { ByteReader } from './byte-source.js';
import type { ModelLimits } from './limits.js';
import { assertHasTriangles, IndexedMeshBuilder, type ParsedModel } from './mesh.js';
import { unprocessableModel } from './models.errors.js';
import { forEachTextLine, type TextLine } from './text-line.js';

/** Keywords that carry no geometry we measure; anything else unknown is counted and reported as a warning. */
const ignoredKeywords = new Set(['vn', 'vt', 'vp', 'o', 'g', 's', 'l', 'p', 'mtllib', 'usemtl', 'cstype', 'deg', 'curv', 'curv2', 'surf', 'parm', 'end', 'bevel', 'c_interp', 'd_interp', 'lod', 'shadow_obj', 'trace_obj', 'ctech', 'stech', 'maplib', 'usemap']);

/**
 * The vertex index at the start of the line's current token, a face corner (`v`, `v/vt`, `v//vn`,
 * `v/vt/vn`): an optional minus and decimal digits, up to the first slash or the token's end; NaN when
 * it is anything else.
 */
function vertexIndexOf(line: TextLine): number {
  const { bytes, end } = line;
  let i = line.start;
  const negative = bytes[i] === 45; // '-'
  if (negative) i++;
  const first = i;
  let value = 0;
  for (; i < end; i++) {
    const code = bytes[i]!;
    if (code === 47) break; // '/'
    if (code < 48 || code > 57) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  if (i === first) return Number.NaN;
  return negative ? -value : value;
}

/**
 * Wavefront OBJ: `v` positions and `f` polygons (fan-triangulated). Indices may be negative (relative to
 * the vertices defined so far). OBJ has no units; the caller assumes them.
 */
export async function parseObj(reader: ByteReader, limits: ModelLimits): Promise<ParsedModel> {
  const builder = new IndexedMeshBuilder(limits);
  let unknownLines = 0;
  const corners: number[] = [];

  await forEachTextLine(reader.rest(), limits.maxLineBytes, (line, n) => {
    if (!line.next() || line.firstByte() === 35) return; // a blank line, or '#': a comment
    if (line.is('v')) {
      builder.addVertex(line.nextFiniteNumber('OBJ', n), line.nextFiniteNumber('OBJ', n), line.nextFiniteNumber('OBJ', n), () => `on OBJ line ${n}`);
    } else if (line.is('f')) {
      let count = 0;
      while (line.next()) corners[count++] = resolveIndex(line, builder.vertexCount, limits, n);
      if (count < 3) throw unprocessableModel(`OBJ line ${n}: a face needs at least three vertices.`, { line: n });
      // A triangle, by far the usual face, goes in as it is; a polygon is fanned.
      if (count === 3) builder.addTriangle(corners[0]!, corners[1]!, corners[2]!);
      else builder.addPolygon(corners, count);
    } else if (line.is('vn') || line.is('vt')) {
      // As common as `v` in an exported file: told by byte, without a string for the Set below.
    } else if (!ignoredKeywords.has(line.text())) {
      unknownLines++;
    }
  });
  const mesh = builder.build('OBJ');
  assertHasTriangles(mesh, 'OBJ');
  const warnings = unknownLines > 0 ? [`${unknownLines} OBJ lines with unknown keywords were ignored.`] : [];
  return { mesh, format: 'obj', encoding: 'ascii', warnings };
}

function resolveIndex(line: TextLine, vertexCount: number, limits: ModelLimits, n: number): number {
  const value = vertexIndexOf(line);
  if (value > 0 && value <= limits.maxVertices) return value - 1;
  if (value < 0 && vertexCount + value >= 0) return vertexCount + value;
  throw unprocessableModel(`OBJ line ${n}: "${line.text().slice(0, 40)}" is not a valid vertex index (the file has ${vertexCount} vertices so far).`, {
    line: n,
  });
}
