import type { ByteReader } from './byte-source.js';
import type { ModelLimits } from './limits.js';
import { assertHasTriangles, IndexedMeshBuilder, type ParsedModel } from './mesh.js';
import { unprocessableModel } from './models.errors.js';
import { forEachLine, parseFiniteNumber, splitTokens } from './text-lines.js';

/** Keywords that carry no geometry we measure; anything else unknown is counted and reported as a warning. */
const ignoredKeywords = new Set(['vn', 'vt', 'vp', 'o', 'g', 's', 'l', 'p', 'mtllib', 'usemtl', 'cstype', 'deg', 'curv', 'curv2', 'surf', 'parm', 'end', 'bevel', 'c_interp', 'd_interp', 'lod', 'shadow_obj', 'trace_obj', 'ctech', 'stech', 'maplib', 'usemap']);

/**
 * The vertex index at the start of a face corner (`v`, `v/vt`, `v//vn`, `v/vt/vn`): an optional minus
 * and decimal digits, up to the first slash or the end; NaN when it is anything else. Read by character
 * code, without a substring or a regular expression per corner (three million on a large model).
 */
function vertexIndexOf(token: string): number {
  let i = token.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const first = i;
  let value = 0;
  for (; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code === 47) break; // '/'
    if (code < 48 || code > 57) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  if (i === first) return Number.NaN;
  return first === 1 ? -value : value;
}

/**
 * Wavefront OBJ: `v` positions and `f` polygons (fan-triangulated). Indices may be negative (relative to
 * the vertices defined so far). OBJ has no units; the caller assumes them.
 */
export async function parseObj(reader: ByteReader, limits: ModelLimits): Promise<ParsedModel> {
  const builder = new IndexedMeshBuilder(limits);
  let unknownLines = 0;
  const corners: number[] = [];

  await forEachLine(reader.rest(), limits.maxLineBytes, (line, n) => {
    const tokens = splitTokens(line);
    const keyword = tokens[0];
    if (keyword === undefined || keyword.startsWith('#')) return;
    if (keyword === 'v') {
      const where = `on OBJ line ${n}`;
      builder.addVertex(parseFiniteNumber(tokens[1], where), parseFiniteNumber(tokens[2], where), parseFiniteNumber(tokens[3], where), where);
    } else if (keyword === 'f') {
      corners.length = 0;
      for (let i = 1; i < tokens.length; i++) corners.push(resolveIndex(tokens[i] ?? '', builder.vertexCount, limits, n));
      if (corners.length < 3) throw unprocessableModel(`OBJ line ${n}: a face needs at least three vertices.`, { line: n });
      builder.addPolygon(corners);
    } else if (!ignoredKeywords.has(keyword)) {
      unknownLines++;
    }
  });
  const mesh = builder.build('OBJ');
  assertHasTriangles(mesh, 'OBJ');
  const warnings = unknownLines > 0 ? [`${unknownLines} OBJ lines with unknown keywords were ignored.`] : [];
  return { mesh, format: 'obj', encoding: 'ascii', warnings };
}

function resolveIndex(token: string, vertexCount: number, limits: ModelLimits, line: number): number {
  const value = vertexIndexOf(token);
  if (value > 0 && value <= limits.maxVertices) return value - 1;
  if (value < 0 && vertexCount + value >= 0) return vertexCount + value;
  throw unprocessableModel(`OBJ line ${line}: "${token.slice(0, 40)}" is not a valid vertex index (the file has ${vertexCount} vertices so far).`, {
    line,
  });
}
