import type { ByteReader } from './byte-source.js';
import { assertTriangleBudget, assertVertexBudget, type ModelLimits } from './limits.js';
import { assertHasTriangles, IndexedMeshBuilder, type ParsedModel } from './mesh.js';
import { unprocessableModel } from './models.errors.js';
import { plyScalarBytes, readPlyHeader, type PlyElement, type PlyHeader, type PlyScalar } from './ply-header.js';
import { forEachTextLine } from './text-line.js';

/** A polygon with more corners than this is not a model face but a corrupt count. */
const maxPolygonCorners = 65_536;

interface Roles {
  /** Property indices of x, y, z in the vertex element. */
  xyz: [number, number, number];
  vertexElement: PlyElement;
  faceElement: PlyElement | undefined;
  /** Property index of the face's vertex index list. */
  faceList: number;
}

/** PLY (Stanford), ascii and binary in either byte order. Only vertex positions and faces are read. */
export async function parsePly(reader: ByteReader, limits: ModelLimits): Promise<ParsedModel> {
  const header = await readPlyHeader(reader);
  const roles = findRoles(header, limits);
  const builder = new IndexedMeshBuilder(limits);
  if (header.encoding === 'ascii') await readAsciiBody(reader, header, roles, builder, limits);
  else await readBinaryBody(reader, header, roles, builder);
  const mesh = builder.build('PLY');
  assertHasTriangles(mesh, 'PLY');
  return { mesh, format: 'ply', encoding: header.encoding, warnings: [] };
}

function findRoles(header: PlyHeader, limits: ModelLimits): Roles {
  const vertexElement = header.elements.find((e) => e.name === 'vertex');
  if (vertexElement === undefined) throw unprocessableModel('The PLY file has no "vertex" element.');
  const xyz = (['x', 'y', 'z'] as const).map((axis) => vertexElement.properties.findIndex((p) => p.name === axis && p.kind === 'scalar'));
  const [x = -1, y = -1, z = -1] = xyz;
  if (x < 0 || y < 0 || z < 0) throw unprocessableModel('The PLY vertex element lacks scalar x, y and z properties.');
  assertVertexBudget(vertexElement.count, limits);
  const faceElement = header.elements.find((e) => e.name === 'face');
  if (faceElement === undefined || faceElement.count === 0) {
    throw unprocessableModel('The PLY file has no faces: it is a point cloud, not a mesh. Reconstruct a surface before uploading.');
  }
  assertTriangleBudget(faceElement.count, limits);
  const faceList = faceElement.properties.findIndex((p) => p.kind === 'list' && (p.name === 'vertex_indices' || p.name === 'vertex_index'));
  if (faceList < 0) throw unprocessableModel('The PLY face element has no "vertex_indices" list.');
  return { xyz: [x, y, z], vertexElement, faceElement, faceList };
}

async function readAsciiBody(reader: ByteReader, header: PlyHeader, roles: Roles, builder: IndexedMeshBuilder, limits: ModelLimits): Promise<void> {
  const elements = header.elements.filter((e) => e.count > 0 && e.properties.length > 0);
  let elementIndex = 0;
  let remaining = elements[0]?.count ?? 0;
  const values: number[] = [];
  const corners: number[] = [];

  await forEachTextLine(
    reader.rest(),
    limits.maxLineBytes,
    (line, n) => {
      if (!line.next()) return; // a blank line
      line.rewind();
      const element = elements[elementIndex];
      if (element === undefined) throw unprocessableModel(`PLY line ${n}: data after the last element the header declares.`, { line: n });
      values.length = 0;
      corners.length = 0;
      element.properties.forEach((property, p) => {
        if (property.kind === 'scalar') {
          values[p] = line.nextFiniteNumber('PLY', n);
          return;
        }
        const count = line.nextFiniteNumber('PLY', n);
        if (!Number.isInteger(count) || count < 0 || count > maxPolygonCorners) throw unprocessableModel(`PLY line ${n}: invalid list length ${count}.`, { line: n });
        const isFaceList = element === roles.faceElement && p === roles.faceList;
        for (let k = 0; k < count; k++) {
          const value = line.nextFiniteNumber('PLY', n);
          if (isFaceList) corners.push(checkIndex(value, n));
        }
      });
      if (element === roles.vertexElement) builder.addVertex(values[roles.xyz[0]] ?? 0, values[roles.xyz[1]] ?? 0, values[roles.xyz[2]] ?? 0, () => `on PLY line ${n}`);
      else if (element === roles.faceElement) addFace(builder, corners, n);
      if (--remaining === 0) remaining = elements[++elementIndex]?.count ?? 0;
    },
    header.lineCount + 1,
  );
  if (elementIndex < elements.length) throw unprocessableModel('The PLY file ends before all the elements its header declares; it is truncated.');
}

function checkIndex(value: number, where: number | string): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw unprocessableModel(`PLY face ${typeof where === 'number' ? `on line ${where}` : where} has an invalid vertex index ${value}.`);
  }
  return value;
}

function addFace(builder: IndexedMeshBuilder, corners: number[], where: number | string): void {
  if (corners.length < 3) throw unprocessableModel(`PLY face ${typeof where === 'number' ? `on line ${where}` : where} has fewer than three vertices.`);
  builder.addPolygon(corners);
}

async function readBinaryBody(reader: ByteReader, header: PlyHeader, roles: Roles, builder: IndexedMeshBuilder): Promise<void> {
  const littleEndian = header.encoding === 'binary_little_endian';
  const corners: number[] = [];
  const scratch: number[] = [];
  for (const element of header.elements) {
    if (element.count === 0 || element.properties.length === 0) continue;
    const isVertex = element === roles.vertexElement;
    const isFace = element === roles.faceElement;
    for (let i = 0; i < element.count; ) {
      // Parse every record already buffered synchronously; await only when one straddles chunks.
      let consumed = 0;
      while (i < element.count && (consumed = tryReadRecord(reader, element, littleEndian, isVertex, isFace ? roles.faceList : -1, corners, scratch)) > 0) {
        reader.pos += consumed;
        if (isVertex) builder.addVertex(scratch[roles.xyz[0]] ?? 0, scratch[roles.xyz[1]] ?? 0, scratch[roles.xyz[2]] ?? 0, `in PLY vertex ${i + 1}`);
        else if (isFace) addFace(builder, corners, i + 1);
        i++;
      }
      if (i < element.count && !(await reader.fill(reader.available + (consumed < 0 ? -consumed : 1)))) {
        throw unprocessableModel(`The PLY file ends inside ${element.name} ${i + 1} of ${element.count}; it is truncated or a count is wrong.`);
      }
    }
  }
  if (!(await reader.atEnd())) throw unprocessableModel('The PLY file has data after the last element its header declares.');
}

/**
 * Reads one record from the buffered bytes. Returns the bytes it took, or minus the number of extra
 * bytes it needs when the record is not completely buffered (nothing is consumed then).
 */
function tryReadRecord(
  reader: ByteReader,
  element: PlyElement,
  littleEndian: boolean,
  keepScalars: boolean,
  faceList: number,
  corners: number[],
  values: number[],
): number {
  const view = reader.view;
  const start = reader.pos;
  const end = reader.end;
  let p = start;
  corners.length = 0;
  for (let k = 0; k < element.properties.length; k++) {
    const property = element.properties[k];
    if (property === undefined) continue;
    if (property.kind === 'scalar') {
      const size = plyScalarBytes[property.type];
      if (p + size > end) return -(p + size - end);
      if (keepScalars) values[k] = readScalar(view, p, property.type, littleEndian);
      p += size;
      continue;
    }
    const countSize = plyScalarBytes[property.countType];
    if (p + countSize > end) return -(p + countSize - end);
    const count = readScalar(view, p, property.countType, littleEndian);
    if (count < 0 || count > maxPolygonCorners) throw unprocessableModel(`A PLY ${element.name} has an invalid list length ${count}.`);
    p += countSize;
    const itemSize = plyScalarBytes[property.itemType];
    if (p + count * itemSize > end) return -(p + count * itemSize - end);
    if (k === faceList) {
      for (let j = 0; j < count; j++) corners.push(checkIndex(readScalar(view, p + j * itemSize, property.itemType, littleEndian), 'in the binary body'));
    }
    p += count * itemSize;
  }
  return p - start;
}

function readScalar(view: DataView, p: number, type: PlyScalar, le: boolean): number {
  switch (type) {
    case 'int8':
      return view.getInt8(p);
    case 'uint8':
      return view.getUint8(p);
    case 'int16':
      return view.getInt16(p, le);
    case 'uint16':
      return view.getUint16(p, le);
    case 'int32':
      return view.getInt32(p, le);
    case 'uint32':
      return view.getUint32(p, le);
    case 'float32':
      return view.getFloat32(p, le);
    case 'float64':
      return view.getFloat64(p, le);
  }
}
