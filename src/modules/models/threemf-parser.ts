import { FloatList, IndexList } from './growable-array.js';
import { assertFiniteCoordinate, assertTriangleBudget, assertVertexBudget, type ModelLimits } from './limits.js';
import { assertHasTriangles, IndexedMeshBuilder, type ParsedModel } from './mesh.js';
import type { TLengthUnit } from './models.schema.js';
import { unprocessableModel } from './models.errors.js';
import { unitFrom3mf } from './units.js';
import { parseXmlAttributes, scanXmlTags } from './xml-scanner.js';
import { openZipArchive, type ZipArchive } from './zip-archive.js';

const modelRelationship = 'http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel';
/** Object types that are part of the printed item; support and surface objects are skipped. */
const printedTypes = new Set(['model', 'solidsupport']);
/** Bounds the work of walking component trees whose objects are empty (no triangles to hit the budget). */
const maxInstances = 1_000_000;

/** 3MF affine transform, row-vector convention: p' = [x y z 1] · M, stored as m00 m01 m02 m10 … m32. */
type Transform = Float64Array;

interface ObjectDef {
  type: string;
  positions: FloatList;
  indices: IndexList;
  components: { path: string; objectId: string; transform: Transform }[];
}

interface ModelPart {
  unit: TLengthUnit | undefined;
  objects: Map<string, ObjectDef>;
  items: { objectId: string; transform: Transform; path: string }[];
}

/**
 * 3MF core (and production-extension `p:path` components): reads the start part named by
 * `_rels/.rels`, the parts its components refer to, then instantiates every build item with its
 * transforms. Units come from the model's `unit` attribute (default millimetre).
 */
export async function parse3mf(zip: string | Buffer, limits: ModelLimits): Promise<ParsedModel> {
  const archive = await openZipArchive(zip, limits);
  try {
    const rootPath = await findRootModel(archive, limits);
    const parts = new Map<string, ModelPart>();
    const budget = { vertices: 0, triangles: 0 };
    const pending = [rootPath];
    for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
      if (parts.has(path)) continue;
      const part = await readModelPart(archive, path, limits, budget);
      parts.set(path, part);
      for (const object of part.objects.values()) for (const c of object.components) if (!parts.has(c.path)) pending.push(c.path);
    }
    const root = parts.get(rootPath);
    if (root === undefined || root.items.length === 0) throw unprocessableModel('The 3MF file has no build items, so nothing would be printed.');
    const warnings: string[] = [];
    const mesh = instantiate(parts, root, limits, warnings);
    assertHasTriangles(mesh, '3MF');
    return { mesh, format: '3mf', encoding: 'zip', declaredUnit: root.unit ?? 'mm', warnings };
  } finally {
    archive.close();
  }
}

async function findRootModel(archive: ZipArchive, limits: ModelLimits): Promise<string> {
  if (archive.has('_rels/.rels')) {
    let target: string | undefined;
    await scanXmlTags(archive.read('_rels/.rels'), limits.maxLineBytes, (tag) => {
      if (tag.name !== 'Relationship' || tag.closing || target !== undefined) return;
      const attributes = parseXmlAttributes(tag.body);
      if (attributes.get('Type') === modelRelationship) target = attributes.get('Target');
    });
    if (target !== undefined) return normalisePath(target);
  }
  const fallback = archive.names().find((n) => /^\/?3D\/[^/]+\.model$/i.test(n));
  if (fallback === undefined) throw unprocessableModel('The zip has no 3MF model part (no 3D/*.model); it is not a 3MF file.');
  return normalisePath(fallback);
}

function normalisePath(path: string): string {
  return '/' + path.replace(/^\/+/, '');
}

async function readModelPart(archive: ZipArchive, path: string, limits: ModelLimits, budget: { vertices: number; triangles: number }): Promise<ModelPart> {
  const part: ModelPart = { unit: undefined, objects: new Map(), items: [] };
  let current: ObjectDef | undefined;
  let currentId = '';
  const fail = (message: string): Error => unprocessableModel(`3MF part ${path.slice(0, 200)}: ${message}`);

  await scanXmlTags(archive.read(path), limits.maxLineBytes, (tag) => {
    if (tag.closing) {
      if (tag.name === 'object' && current !== undefined) {
        finishObject(current, fail);
        current = undefined;
      }
      return;
    }
    switch (tag.name) {
      case 'vertex': {
        if (current === undefined) throw fail('a vertex outside an object.');
        const a = parseXmlAttributes(tag.body);
        const x = Number(a.get('x'));
        const y = Number(a.get('y'));
        const z = Number(a.get('z'));
        const where = `in 3MF object ${currentId.slice(0, 40)}`;
        assertFiniteCoordinate(a.has('x') ? x : NaN, where);
        assertFiniteCoordinate(a.has('y') ? y : NaN, where);
        assertFiniteCoordinate(a.has('z') ? z : NaN, where);
        assertVertexBudget(++budget.vertices, limits);
        current.positions.push3(x + 0, y + 0, z + 0);
        return;
      }
      case 'triangle': {
        if (current === undefined) throw fail('a triangle outside an object.');
        const a = parseXmlAttributes(tag.body);
        const v = [a.get('v1'), a.get('v2'), a.get('v3')].map((s) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN));
        const [v1 = NaN, v2 = NaN, v3 = NaN] = v;
        if (!(v1 <= 0xffffffff && v2 <= 0xffffffff && v3 <= 0xffffffff)) throw fail(`a triangle has invalid vertex indices in object ${currentId.slice(0, 40)}.`);
        assertTriangleBudget(++budget.triangles, limits);
        current.indices.push3(v1, v2, v3);
        return;
      }
      case 'model': {
        const unit = parseXmlAttributes(tag.body).get('unit');
        if (unit !== undefined) {
          part.unit = unitFrom3mf(unit);
          if (part.unit === undefined) throw fail(`unknown unit "${unit.slice(0, 40)}".`);
        }
        return;
      }
      case 'object': {
        const a = parseXmlAttributes(tag.body);
        currentId = a.get('id') ?? '';
        if (currentId === '' || part.objects.has(currentId)) throw fail('an object without a unique id.');
        current = { type: a.get('type') ?? 'model', positions: new FloatList(64, 48), indices: new IndexList(48), components: [] };
        part.objects.set(currentId, current);
        if (tag.selfClosing) current = undefined;
        return;
      }
      case 'component': {
        if (current === undefined) throw fail('a component outside an object.');
        const a = parseXmlAttributes(tag.body);
        current.components.push({ path: normalisePath(a.get('p:path') ?? path), objectId: a.get('objectid') ?? '', transform: parseTransform(a.get('transform'), fail) });
        return;
      }
      case 'item': {
        const a = parseXmlAttributes(tag.body);
        part.items.push({ objectId: a.get('objectid') ?? '', transform: parseTransform(a.get('transform'), fail), path: normalisePath(a.get('p:path') ?? path) });
        return;
      }
      default:
        return;
    }
  });
  return part;
}

function finishObject(object: ObjectDef, fail: (message: string) => Error): void {
  const vertexCount = object.positions.length / 3;
  const indices = object.indices.view();
  for (const v of indices) if (v >= vertexCount) throw fail(`a triangle refers to vertex ${v}, but its object has ${vertexCount} vertices.`);
}

function parseTransform(value: string | undefined, fail: (message: string) => Error): Transform {
  const m = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]);
  if (value === undefined) return m;
  const numbers = value.trim().split(/\s+/).map(Number);
  if (numbers.length !== 12 || !numbers.every(Number.isFinite)) throw fail(`invalid transform "${value.slice(0, 80)}".`);
  m.set(numbers);
  return m;
}

/** `first` applied, then `second`. */
function compose(first: Transform, second: Transform): Transform {
  const out = new Float64Array(12);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 3; c++) {
      let sum = r === 3 ? (second[9 + c] ?? 0) : 0;
      for (let k = 0; k < 3; k++) sum += (first[3 * r + k] ?? 0) * (second[3 * k + c] ?? 0);
      out[3 * r + c] = sum;
    }
  }
  return out;
}

function instantiate(parts: Map<string, ModelPart>, root: ModelPart, limits: ModelLimits, warnings: string[]): ReturnType<IndexedMeshBuilder['build']> {
  const builder = new IndexedMeshBuilder(limits);
  const skippedTypes = new Set<string>();
  let instances = 0;
  const stack = root.items.map((item) => ({ ...item, depth: 0 }));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (++instances > maxInstances) throw unprocessableModel(`The 3MF file instantiates more than ${maxInstances} components.`);
    if (next.depth > limits.maxSceneDepth) throw unprocessableModel(`The 3MF components nest deeper than ${limits.maxSceneDepth} levels (or refer to each other in a cycle).`);
    const object = parts.get(next.path)?.objects.get(next.objectId);
    if (object === undefined) throw unprocessableModel(`The 3MF file refers to object "${next.objectId.slice(0, 40)}", which it does not define.`);
    if (!printedTypes.has(object.type)) {
      skippedTypes.add(object.type);
      continue;
    }
    emitMesh(builder, object, next.transform);
    for (const c of object.components) stack.push({ path: c.path, objectId: c.objectId, transform: compose(c.transform, next.transform), depth: next.depth + 1 });
  }
  if (skippedTypes.size > 0) warnings.push(`3MF objects of type ${[...skippedTypes].join(', ')} were not analysed.`);
  return builder.build('3MF');
}

function emitMesh(builder: IndexedMeshBuilder, object: ObjectDef, m: Transform): void {
  const positions = object.positions.view();
  const base = builder.vertexCount;
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i] ?? 0;
    const y = positions[i + 1] ?? 0;
    const z = positions[i + 2] ?? 0;
    builder.addVertex(
      x * (m[0] ?? 0) + y * (m[3] ?? 0) + z * (m[6] ?? 0) + (m[9] ?? 0),
      x * (m[1] ?? 0) + y * (m[4] ?? 0) + z * (m[7] ?? 0) + (m[10] ?? 0),
      x * (m[2] ?? 0) + y * (m[5] ?? 0) + z * (m[8] ?? 0) + (m[11] ?? 0),
      'after applying a 3MF transform',
    );
  }
  const indices = object.indices.view();
  // Checked here too: an object never closed by </object> skipped finishObject, and a bad local index
  // would otherwise land on another object's vertices.
  const vertexCount = positions.length / 3;
  for (const v of indices) if (v >= vertexCount) throw unprocessableModel(`A 3MF triangle refers to vertex ${v}, but its object has ${vertexCount} vertices.`);
  for (let i = 0; i < indices.length; i += 3) builder.addTriangle(base + (indices[i] ?? 0), base + (indices[i + 1] ?? 0), base + (indices[i + 2] ?? 0));
}
