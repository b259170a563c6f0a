import yazl from 'yazl';

/**
 * Generators of small meshes and writers for every supported format, shared by the tests, the fuzz
 * test and the benchmark. A `TestMesh` is indexed, with faces wound outwards (counter-clockwise).
 */
export interface TestMesh {
  positions: number[];
  indices: number[];
}

export function makeBox(min: [number, number, number], size: [number, number, number]): TestMesh {
  const [x0, y0, z0] = min;
  const [sx, sy, sz] = size;
  const positions: number[] = [];
  for (let i = 0; i < 8; i++) positions.push(x0 + (i & 4 ? sx : 0), y0 + (i & 2 ? sy : 0), z0 + (i & 1 ? sz : 0));
  const quads = [
    [0, 1, 3, 2],
    [4, 6, 7, 5],
    [0, 4, 5, 1],
    [2, 3, 7, 6],
    [0, 2, 6, 4],
    [1, 5, 7, 3],
  ];
  const indices: number[] = [];
  for (const [a = 0, b = 0, c = 0, d = 0] of quads) indices.push(a, b, c, a, c, d);
  return { positions, indices };
}

/** A closed UV sphere: `rings` latitude bands, `segments` longitude slices, `2·segments·(rings−1)` triangles. */
export function makeSphere(center: [number, number, number], radius: number, rings: number, segments: number): TestMesh {
  const [cx, cy, cz] = center;
  const positions: number[] = [cx, cy, cz + radius];
  for (let i = 1; i < rings; i++) {
    const theta = (Math.PI * i) / rings;
    for (let j = 0; j < segments; j++) {
      const phi = (2 * Math.PI * j) / segments;
      positions.push(cx + radius * Math.sin(theta) * Math.cos(phi), cy + radius * Math.sin(theta) * Math.sin(phi), cz + radius * Math.cos(theta));
    }
  }
  positions.push(cx, cy, cz - radius);
  const south = positions.length / 3 - 1;
  const ring = (i: number, j: number): number => 1 + (i - 1) * segments + (j % segments);
  const indices: number[] = [];
  for (let j = 0; j < segments; j++) indices.push(0, ring(1, j), ring(1, j + 1));
  for (let i = 1; i < rings - 1; i++) {
    for (let j = 0; j < segments; j++) indices.push(ring(i, j), ring(i + 1, j), ring(i + 1, j + 1), ring(i, j), ring(i + 1, j + 1), ring(i, j + 1));
  }
  for (let j = 0; j < segments; j++) indices.push(south, ring(rings - 1, j + 1), ring(rings - 1, j));
  return { positions, indices };
}

export function mergeMeshes(...meshes: TestMesh[]): TestMesh {
  const out: TestMesh = { positions: [], indices: [] };
  for (const mesh of meshes) {
    const base = out.positions.length / 3;
    out.positions.push(...mesh.positions);
    for (const i of mesh.indices) out.indices.push(base + i);
  }
  return out;
}

/** Removes the given triangles (by triangle number). */
export function withoutTriangles(mesh: TestMesh, drop: number[]): TestMesh {
  const keep: number[] = [];
  for (let t = 0; t < mesh.indices.length / 3; t++) if (!drop.includes(t)) keep.push(...mesh.indices.slice(3 * t, 3 * t + 3));
  return { positions: mesh.positions, indices: keep };
}

/** Reverses the winding of the given triangles. */
export function flipTriangles(mesh: TestMesh, flip: number[]): TestMesh {
  const indices = [...mesh.indices];
  for (const t of flip) [indices[3 * t + 1], indices[3 * t + 2]] = [indices[3 * t + 2] ?? 0, indices[3 * t + 1] ?? 0];
  return { positions: mesh.positions, indices };
}

function corner(mesh: TestMesh, t: number, k: number): [number, number, number] {
  const v = mesh.indices[3 * t + k] ?? 0;
  return [mesh.positions[3 * v] ?? 0, mesh.positions[3 * v + 1] ?? 0, mesh.positions[3 * v + 2] ?? 0];
}

function normalOf(a: number[], b: number[], c: number[]): [number, number, number] {
  const u = [(b[0] ?? 0) - (a[0] ?? 0), (b[1] ?? 0) - (a[1] ?? 0), (b[2] ?? 0) - (a[2] ?? 0)];
  const v = [(c[0] ?? 0) - (a[0] ?? 0), (c[1] ?? 0) - (a[1] ?? 0), (c[2] ?? 0) - (a[2] ?? 0)];
  const n = [(u[1] ?? 0) * (v[2] ?? 0) - (u[2] ?? 0) * (v[1] ?? 0), (u[2] ?? 0) * (v[0] ?? 0) - (u[0] ?? 0) * (v[2] ?? 0), (u[0] ?? 0) * (v[1] ?? 0) - (u[1] ?? 0) * (v[0] ?? 0)];
  const length = Math.hypot(n[0] ?? 0, n[1] ?? 0, n[2] ?? 0) || 1;
  return [(n[0] ?? 0) / length, (n[1] ?? 0) / length, (n[2] ?? 0) / length];
}

/**
 * Binary STL with true normals (admesh computes volume from stored normals). The header starts with a
 * byte ≥ 128 because admesh takes a file whose first bytes are all ASCII for an ASCII STL.
 */
export function toBinaryStl(mesh: TestMesh): Buffer {
  const count = mesh.indices.length / 3;
  const out = Buffer.alloc(84 + 50 * count);
  out[0] = 0xff;
  out.write('meshvault test mesh', 1, 'latin1');
  out.writeUInt32LE(count, 80);
  for (let t = 0; t < count; t++) {
    const p = 84 + 50 * t;
    const a = corner(mesh, t, 0);
    const b = corner(mesh, t, 1);
    const c = corner(mesh, t, 2);
    [...normalOf(a, b, c), ...a, ...b, ...c].forEach((v, k) => out.writeFloatLE(v, p + 4 * k));
  }
  return out;
}

export function toAsciiStl(mesh: TestMesh): string {
  const lines = ['solid test'];
  for (let t = 0; t < mesh.indices.length / 3; t++) {
    const a = corner(mesh, t, 0);
    const b = corner(mesh, t, 1);
    const c = corner(mesh, t, 2);
    lines.push(`  facet normal ${normalOf(a, b, c).join(' ')}`, '    outer loop');
    for (const p of [a, b, c]) lines.push(`      vertex ${p.map((v) => v.toPrecision(9)).join(' ')}`);
    lines.push('    endloop', '  endfacet');
  }
  lines.push('endsolid test', '');
  return lines.join('\n');
}

export function toObj(mesh: TestMesh): string {
  const lines = ['# test mesh', 'o test'];
  for (let v = 0; v < mesh.positions.length / 3; v++) lines.push(`v ${mesh.positions.slice(3 * v, 3 * v + 3).join(' ')}`);
  for (let t = 0; t < mesh.indices.length / 3; t++) lines.push(`f ${mesh.indices.slice(3 * t, 3 * t + 3).map((i) => `${i + 1}//1`).join(' ')}`);
  return lines.join('\n') + '\n';
}

export function toPly(mesh: TestMesh, encoding: 'ascii' | 'binary_little_endian' | 'binary_big_endian'): Buffer {
  const vertexCount = mesh.positions.length / 3;
  const faceCount = mesh.indices.length / 3;
  const header = [
    'ply',
    `format ${encoding} 1.0`,
    'comment meshvault test mesh',
    `element vertex ${vertexCount}`,
    'property double x',
    'property double y',
    'property double z',
    'property uchar red',
    `element face ${faceCount}`,
    'property list uchar int vertex_indices',
    'end_header',
    '',
  ].join('\n');
  if (encoding === 'ascii') {
    const body: string[] = [];
    for (let v = 0; v < vertexCount; v++) body.push(`${mesh.positions.slice(3 * v, 3 * v + 3).join(' ')} 200`);
    for (let t = 0; t < faceCount; t++) body.push(`3 ${mesh.indices.slice(3 * t, 3 * t + 3).join(' ')}`);
    return Buffer.from(header + body.join('\n') + '\n', 'latin1');
  }
  const le = encoding === 'binary_little_endian';
  const body = Buffer.alloc(vertexCount * 25 + faceCount * 13);
  let p = 0;
  for (let v = 0; v < vertexCount; v++) {
    for (let k = 0; k < 3; k++) p = le ? body.writeDoubleLE(mesh.positions[3 * v + k] ?? 0, p) : body.writeDoubleBE(mesh.positions[3 * v + k] ?? 0, p);
    p = body.writeUInt8(200, p);
  }
  for (let t = 0; t < faceCount; t++) {
    p = body.writeUInt8(3, p);
    for (let k = 0; k < 3; k++) p = le ? body.writeInt32LE(mesh.indices[3 * t + k] ?? 0, p) : body.writeInt32BE(mesh.indices[3 * t + k] ?? 0, p);
  }
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

export function threeMfModelXml(mesh: TestMesh, unit = 'millimeter', itemTransform?: string): string {
  const vertices: string[] = [];
  for (let v = 0; v < mesh.positions.length / 3; v++) {
    const [x, y, z] = mesh.positions.slice(3 * v, 3 * v + 3);
    vertices.push(`<vertex x="${x}" y="${y}" z="${z}"/>`);
  }
  const triangles: string[] = [];
  for (let t = 0; t < mesh.indices.length / 3; t++) {
    const [a, b, c] = mesh.indices.slice(3 * t, 3 * t + 3);
    triangles.push(`<triangle v1="${a}" v2="${b}" v3="${c}"/>`);
  }
  const transform = itemTransform === undefined ? '' : ` transform="${itemTransform}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<model unit="${unit}" xml:lang="en-US" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02">
 <!-- a comment with <angle> brackets -->
 <metadata name="Title">Test &amp; mesh</metadata>
 <resources>
  <object id="1" type="model"><mesh><vertices>${vertices.join('')}</vertices><triangles>${triangles.join('')}</triangles></mesh></object>
 </resources>
 <build><item objectid="1"${transform}/></build>
</model>`;
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/></Types>`;
const rels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Target="/3D/3dmodel.model" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>`;

/** Zips 3MF parts; `parts` maps entry names to contents. The standard content types and rels are added unless given. */
export async function zipParts(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const all: Record<string, string | Buffer> = { '[Content_Types].xml': contentTypes, '_rels/.rels': rels, ...parts };
  for (const [name, content] of Object.entries(all)) zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  zip.end();
  const pieces: Buffer[] = [];
  for await (const chunk of zip.outputStream) pieces.push(chunk as Buffer);
  return Buffer.concat(pieces);
}

export async function to3mf(mesh: TestMesh, unit = 'millimeter', itemTransform?: string): Promise<Buffer> {
  return zipParts({ '3D/3dmodel.model': threeMfModelXml(mesh, unit, itemTransform) });
}

interface GltfNodeOptions {
  translation?: [number, number, number];
  scale?: [number, number, number];
}

/** A glTF document with one indexed mesh under a parent node (so node transforms are exercised). */
function gltfParts(mesh: TestMesh, node: GltfNodeOptions): { json: Record<string, unknown>; bin: Buffer } {
  const vertexCount = mesh.positions.length / 3;
  const positions = Buffer.alloc(vertexCount * 12);
  mesh.positions.forEach((v, i) => positions.writeFloatLE(v, 4 * i));
  const indices = Buffer.alloc(mesh.indices.length * 4);
  mesh.indices.forEach((v, i) => indices.writeUInt32LE(v, 4 * i));
  const bin = Buffer.concat([positions, indices]);
  const min = [0, 1, 2].map((k) => Math.min(...mesh.positions.filter((_, i) => i % 3 === k)));
  const max = [0, 1, 2].map((k) => Math.max(...mesh.positions.filter((_, i) => i % 3 === k)));
  const json = {
    asset: { version: '2.0', generator: 'meshvault tests' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ children: [1], ...node }, { mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, mode: 4 }] }],
    accessors: [
      { bufferView: 0, componentType: 5126, count: vertexCount, type: 'VEC3', min, max },
      { bufferView: 1, componentType: 5125, count: mesh.indices.length, type: 'SCALAR' },
    ],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positions.byteLength },
      { buffer: 0, byteOffset: positions.byteLength, byteLength: indices.byteLength },
    ],
    buffers: [{ byteLength: bin.byteLength } as Record<string, unknown>],
  };
  return { json, bin };
}

export function toGlb(mesh: TestMesh, node: GltfNodeOptions = {}): Buffer {
  const { json, bin } = gltfParts(mesh, node);
  const jsonBytes = Buffer.from(JSON.stringify(json), 'utf8');
  const jsonPadded = Buffer.concat([jsonBytes, Buffer.alloc((4 - (jsonBytes.byteLength % 4)) % 4, 0x20)]);
  const binPadded = Buffer.concat([bin, Buffer.alloc((4 - (bin.byteLength % 4)) % 4)]);
  const header = Buffer.alloc(12);
  const total = 12 + 8 + jsonPadded.byteLength + 8 + binPadded.byteLength;
  header.writeUInt32LE(0x46546c67, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(total, 8);
  const chunkHeader = (length: number, type: number): Buffer => {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(length, 0);
    b.writeUInt32LE(type, 4);
    return b;
  };
  return Buffer.concat([header, chunkHeader(jsonPadded.byteLength, 0x4e4f534a), jsonPadded, chunkHeader(binPadded.byteLength, 0x004e4942), binPadded]);
}

export function toGltfJson(mesh: TestMesh, node: GltfNodeOptions = {}): string {
  const { json, bin } = gltfParts(mesh, node);
  const buffers = json['buffers'] as Record<string, unknown>[];
  if (buffers[0] !== undefined) buffers[0]['uri'] = `data:application/octet-stream;base64,${bin.toString('base64')}`;
  return JSON.stringify(json);
}

/** A small deterministic PRNG (mulberry32) so fuzzing and "random" inputs are the same on every run. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededBytes(seed: number, length: number): Buffer {
  const random = createRandom(seed);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256);
  return out;
}
