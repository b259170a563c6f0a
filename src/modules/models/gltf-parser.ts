import type { ByteReader } from './byte-source.js';
import { readGlb, readGltfJson, type GltfDocument, type TGltf } from './gltf-document.js';
import type { ModelLimits } from './limits.js';
import { assertHasTriangles, IndexedMeshBuilder, type ParsedModel } from './mesh.js';
import { unprocessableModel, unsupportedModel } from './models.errors.js';

/** Column-major 4×4, as glTF stores matrices. */
type Matrix = Float64Array;

const triangles = 4;
const triangleStrip = 5;
const triangleFan = 6;

/**
 * glTF 2.0 (.glb or .gltf with embedded buffers): triangles of every TRIANGLES/STRIP/FAN primitive of
 * every mesh reachable from the default scene, with node transforms applied. glTF lengths are metres.
 */
export async function parseGltf(reader: ByteReader, encoding: 'glb' | 'json', limits: ModelLimits, byteLength: number | undefined): Promise<ParsedModel> {
  const document = encoding === 'glb' ? await readGlb(reader, limits, byteLength) : await readGltfJson(reader, limits);
  const builder = new IndexedMeshBuilder(limits);
  const warnings = new Set<string>();
  for (const { mesh, matrix } of meshInstances(document.json, limits)) {
    const primitives = document.json.meshes?.[mesh]?.primitives;
    if (primitives === undefined) throw unprocessableModel(`A glTF node refers to mesh ${mesh}, which does not exist.`);
    for (const primitive of primitives) {
      const mode = primitive.mode ?? triangles;
      if (mode !== triangles && mode !== triangleStrip && mode !== triangleFan) {
        warnings.add('glTF primitives drawn as points or lines were ignored.');
        continue;
      }
      const position = primitive.attributes.POSITION;
      if (position === undefined) throw unprocessableModel('A glTF primitive has no POSITION attribute.');
      const base = builder.vertexCount;
      const vertexCount = addPositions(document, position, matrix, builder);
      const order = primitive.indices === undefined ? sequence(vertexCount) : readIndices(document, primitive.indices, vertexCount);
      addTriangles(builder, base, order, mode);
    }
  }
  const mesh = builder.build('glTF');
  assertHasTriangles(mesh, 'glTF');
  return { mesh, format: 'gltf', encoding, declaredUnit: 'm', warnings: [...warnings] };
}

/** Walks the default scene iteratively; a node reached twice means a cycle or shared child, which glTF forbids. */
function meshInstances(json: TGltf, limits: ModelLimits): { mesh: number; matrix: Matrix }[] {
  const nodes = json.nodes ?? [];
  const out: { mesh: number; matrix: Matrix }[] = [];
  if (nodes.length === 0) {
    (json.meshes ?? []).forEach((_, mesh) => out.push({ mesh, matrix: identity() }));
    return out;
  }
  const roots = rootNodes(json);
  const visited = new Uint8Array(nodes.length);
  const stack = roots.map((node) => ({ node, parent: identity(), depth: 0 }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const node = nodes[next.node];
    if (node === undefined) throw unprocessableModel(`The glTF scene refers to node ${next.node}, which does not exist.`);
    if (visited[next.node] === 1) throw unprocessableModel(`glTF node ${next.node} is reached twice; the node hierarchy is not a tree.`);
    if (next.depth > limits.maxSceneDepth) throw unprocessableModel(`The glTF node hierarchy is deeper than ${limits.maxSceneDepth} levels.`);
    visited[next.node] = 1;
    const world = multiply(next.parent, localMatrix(node));
    if (node.mesh !== undefined) out.push({ mesh: node.mesh, matrix: world });
    for (const child of node.children ?? []) stack.push({ node: child, parent: world, depth: next.depth + 1 });
  }
  return out;
}

function rootNodes(json: TGltf): number[] {
  const scenes = json.scenes ?? [];
  if (scenes.length > 0) {
    const scene = scenes[json.scene ?? 0];
    if (scene === undefined) throw unprocessableModel(`The glTF default scene ${json.scene ?? 0} does not exist.`);
    return scene.nodes ?? [];
  }
  const nodes = json.nodes ?? [];
  const isChild = new Uint8Array(nodes.length);
  for (const node of nodes) for (const c of node.children ?? []) if (c < nodes.length) isChild[c] = 1;
  return nodes.map((_, i) => i).filter((i) => isChild[i] === 0);
}

function addPositions(document: GltfDocument, accessorIndex: number, m: Matrix, builder: IndexedMeshBuilder): number {
  const { view, count, stride, accessor } = locate(document, accessorIndex, 'POSITION');
  if (accessor.type !== 'VEC3' || accessor.componentType !== 5126) {
    throw unsupportedModel('A glTF POSITION accessor is not 32-bit float VEC3 (quantized meshes are not supported).');
  }
  for (let i = 0; i < count; i++) {
    const p = i * stride;
    const x = view.getFloat32(p, true);
    const y = view.getFloat32(p + 4, true);
    const z = view.getFloat32(p + 8, true);
    builder.addVertex(
      (m[0] ?? 0) * x + (m[4] ?? 0) * y + (m[8] ?? 0) * z + (m[12] ?? 0),
      (m[1] ?? 0) * x + (m[5] ?? 0) * y + (m[9] ?? 0) * z + (m[13] ?? 0),
      (m[2] ?? 0) * x + (m[6] ?? 0) * y + (m[10] ?? 0) * z + (m[14] ?? 0),
      `in glTF accessor ${accessorIndex}`,
    );
  }
  return count;
}

function readIndices(document: GltfDocument, accessorIndex: number, vertexCount: number): Uint32Array {
  const { view, count, stride, accessor } = locate(document, accessorIndex, 'indices');
  if (accessor.type !== 'SCALAR') throw unprocessableModel(`glTF index accessor ${accessorIndex} is not SCALAR.`);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const p = i * stride;
    const v = accessor.componentType === 5125 ? view.getUint32(p, true) : accessor.componentType === 5123 ? view.getUint16(p, true) : view.getUint8(p);
    if (v >= vertexCount) throw unprocessableModel(`glTF index accessor ${accessorIndex} refers to vertex ${v}, but the primitive has ${vertexCount}.`);
    out[i] = v;
  }
  return out;
}

function sequence(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function addTriangles(builder: IndexedMeshBuilder, base: number, order: Uint32Array, mode: number): void {
  const at = (i: number): number => base + (order[i] ?? 0);
  if (mode === triangles) {
    if (order.length % 3 !== 0) throw unprocessableModel('A glTF TRIANGLES primitive has a vertex count that is not a multiple of 3.');
    for (let i = 0; i < order.length; i += 3) builder.addTriangle(at(i), at(i + 1), at(i + 2));
  } else if (mode === triangleStrip) {
    // Every other strip triangle is flipped to keep the winding consistent.
    for (let i = 0; i + 2 < order.length; i++) builder.addTriangle(at(i), at(i % 2 === 0 ? i + 1 : i + 2), at(i % 2 === 0 ? i + 2 : i + 1));
  } else {
    for (let i = 1; i + 1 < order.length; i++) builder.addTriangle(at(0), at(i), at(i + 1));
  }
}

const componentBytes: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const typeComponents: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

/** Resolves an accessor to a DataView over exactly the bytes it may read, checking every bound first. */
function locate(document: GltfDocument, accessorIndex: number, role: string) {
  const accessor = document.json.accessors?.[accessorIndex];
  if (accessor === undefined) throw unprocessableModel(`glTF ${role} accessor ${accessorIndex} does not exist.`);
  if (accessor.sparse !== undefined || accessor.bufferView === undefined) {
    throw unsupportedModel(`glTF ${role} accessor ${accessorIndex} is sparse or has no buffer view, which we do not read.`);
  }
  const size = (componentBytes[accessor.componentType] ?? 0) * (typeComponents[accessor.type] ?? 0);
  if (size === 0 || (role === 'indices' && ![5121, 5123, 5125].includes(accessor.componentType))) {
    throw unprocessableModel(`glTF ${role} accessor ${accessorIndex} has an invalid component type or type.`);
  }
  const bufferView = document.json.bufferViews?.[accessor.bufferView];
  if (bufferView === undefined) throw unprocessableModel(`glTF accessor ${accessorIndex} refers to a missing buffer view.`);
  const buffer = document.buffers[bufferView.buffer];
  if (buffer === undefined) throw unprocessableModel(`A glTF buffer view refers to missing buffer ${bufferView.buffer}.`);
  const viewStart = bufferView.byteOffset ?? 0;
  if (viewStart + bufferView.byteLength > buffer.byteLength) throw unprocessableModel(`A glTF buffer view runs past the end of buffer ${bufferView.buffer}.`);
  const stride = bufferView.byteStride ?? size;
  const start = accessor.byteOffset ?? 0;
  const needed = start + stride * (accessor.count - 1) + size;
  if (stride < size || needed > bufferView.byteLength) {
    throw unprocessableModel(`glTF accessor ${accessorIndex} reads past the end of its buffer view (${accessor.count} elements).`);
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset + viewStart + start, needed - start);
  return { view, count: accessor.count, stride, accessor };
}

function identity(): Matrix {
  return new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
}

function localMatrix(node: NonNullable<TGltf['nodes']>[number]): Matrix {
  if (node.matrix !== undefined) return new Float64Array(node.matrix);
  const [tx = 0, ty = 0, tz = 0] = node.translation ?? [];
  const [qx = 0, qy = 0, qz = 0, qw = 1] = node.rotation ?? [];
  const [sx = 1, sy = 1, sz = 1] = node.scale ?? [];
  // T · R · S in column-major order.
  return new Float64Array([
    (1 - 2 * (qy * qy + qz * qz)) * sx,
    2 * (qx * qy + qz * qw) * sx,
    2 * (qx * qz - qy * qw) * sx,
    0,
    2 * (qx * qy - qz * qw) * sy,
    (1 - 2 * (qx * qx + qz * qz)) * sy,
    2 * (qy * qz + qx * qw) * sy,
    0,
    2 * (qx * qz + qy * qw) * sz,
    2 * (qy * qz - qx * qw) * sz,
    (1 - 2 * (qx * qx + qy * qy)) * sz,
    0,
    tx,
    ty,
    tz,
    1,
  ]);
}

function multiply(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(16);
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += (a[4 * k + r] ?? 0) * (b[4 * c + k] ?? 0);
      out[4 * c + r] = sum;
    }
  }
  return out;
}
