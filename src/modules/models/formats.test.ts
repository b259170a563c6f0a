import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModelFile, analyzeModelStream, detectModelFormat, ZModelAnalysis, type TModelAnalysis } from './index.js';
import { makeBox, makeSphere, to3mf, toAsciiStl, toBinaryStl, toGlb, toGltfJson, toObj, toPly, zipParts } from './test-meshes.js';

const cube = makeBox([-1, -1, -1], [2, 2, 2]);

/** Feeds the bytes in small uneven chunks so every record and token straddles chunk boundaries somewhere. */
function chunked(bytes: Buffer, size = 7): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0, n = 0; i < bytes.byteLength; i += size + (n++ % 5)) pieces.push(bytes.subarray(i, i + size + (n % 5)));
  return Readable.from(pieces);
}

function expectUnitCube(a: TModelAnalysis, mmPerUnit: number): void {
  expect(a.triangles).toBe(12);
  expect(a.vertices).toBe(8);
  expect(a.boundingBox.min).toEqual({ x: -1, y: -1, z: -1 });
  expect(a.boundingBox.size).toEqual({ x: 2, y: 2, z: 2 });
  expect(a.boundingBoxMm.size.x).toBeCloseTo(2 * mmPerUnit, 9);
  expect(a.volume).toBeCloseTo(8, 12);
  expect(a.volumeMm3 / mmPerUnit ** 3).toBeCloseTo(8, 9);
  expect(a.surfaceArea).toBeCloseTo(24, 12);
  expect(a.shells).toBe(1);
  expect(a.edges).toEqual({ total: 18, open: 0, nonManifold: 0, inconsistentlyOriented: 0 });
  expect(a.degenerateTriangles).toBe(0);
  expect(a.watertight).toBe(true);
  expect(a.insideOut).toBe(false);
  expect(ZModelAnalysis.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
}

describe('every format gives the same analysis of the same cube', () => {
  const files: { name: string; bytes: () => Promise<Buffer> | Buffer; format: string; encoding: string; mm: number }[] = [
    { name: 'cube.stl', bytes: () => toBinaryStl(cube), format: 'stl', encoding: 'binary', mm: 1 },
    { name: 'cube-ascii.stl', bytes: () => Buffer.from(toAsciiStl(cube)), format: 'stl', encoding: 'ascii', mm: 1 },
    { name: 'cube.obj', bytes: () => Buffer.from(toObj(cube)), format: 'obj', encoding: 'ascii', mm: 1 },
    { name: 'cube-a.ply', bytes: () => toPly(cube, 'ascii'), format: 'ply', encoding: 'ascii', mm: 1 },
    { name: 'cube-le.ply', bytes: () => toPly(cube, 'binary_little_endian'), format: 'ply', encoding: 'binary_little_endian', mm: 1 },
    { name: 'cube-be.ply', bytes: () => toPly(cube, 'binary_big_endian'), format: 'ply', encoding: 'binary_big_endian', mm: 1 },
    { name: 'cube.3mf', bytes: () => to3mf(cube, 'centimeter'), format: '3mf', encoding: 'zip', mm: 10 },
    { name: 'cube.glb', bytes: () => toGlb(cube), format: 'gltf', encoding: 'glb', mm: 1000 },
    { name: 'cube.gltf', bytes: () => Buffer.from(toGltfJson(cube)), format: 'gltf', encoding: 'json', mm: 1000 },
  ];
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshvault-formats-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(files)('$name from a file', async ({ name, bytes, format, encoding, mm }) => {
    const path = join(dir, name);
    await writeFile(path, await bytes());
    const a = await analyzeModelFile(path);
    expect([a.format, a.encoding]).toEqual([format, encoding]);
    expectUnitCube(a, mm);
  });

  it.each(files)('$name from a stream in tiny chunks, without a file name', async ({ bytes, format, mm }) => {
    const a = await analyzeModelStream(chunked(await bytes()));
    expect(a.format).toBe(format);
    expectUnitCube(a, mm);
  });
});

describe('units', () => {
  it('assumes millimetres for STL unless told otherwise, and says so', async () => {
    const mm = await analyzeModelStream(Readable.from([toBinaryStl(cube)]), { filename: 'a.stl' });
    expect(mm.unit).toBe('mm');
    expect(mm.unitDeclared).toBe(false);
    expect(mm.warnings.join(' ')).toMatch(/no unit/);
    const inches = await analyzeModelStream(Readable.from([toBinaryStl(cube)]), { filename: 'a.stl', units: 'in' });
    expect(inches.boundingBoxMm.size.z).toBeCloseTo(50.8, 9);
    expect(inches.volumeMm3).toBeCloseTo(8 * 25.4 ** 3, 6);
  });

  it('takes 3MF units from the file even when told otherwise', async () => {
    const a = await analyzeModelStream(Readable.from([await to3mf(cube, 'inch')]), { units: 'cm' });
    expect([a.unit, a.unitDeclared]).toEqual(['in', true]);
    expect(a.boundingBoxMm.size.x).toBeCloseTo(50.8, 9);
  });
});

describe('transforms', () => {
  it('applies 3MF build item transforms (scale and translation)', async () => {
    const a = await analyzeModelStream(Readable.from([await to3mf(cube, 'millimeter', '2 0 0 0 3 0 0 0 4 10 20 30')]));
    expect(a.boundingBox.min).toEqual({ x: 8, y: 17, z: 26 });
    expect(a.boundingBox.size).toEqual({ x: 4, y: 6, z: 8 });
    expect(a.volume).toBeCloseTo(8 * 24, 9);
  });

  it('instantiates 3MF components, including ones in another model part', async () => {
    const box = makeBox([0, 0, 0], [1, 1, 1]);
    const vertices = Array.from({ length: 8 }, (_, v) => `<vertex x="${box.positions[3 * v]}" y="${box.positions[3 * v + 1]}" z="${box.positions[3 * v + 2]}"/>`).join('');
    const triangles = Array.from({ length: 12 }, (_, t) => `<triangle v1="${box.indices[3 * t]}" v2="${box.indices[3 * t + 1]}" v3="${box.indices[3 * t + 2]}"/>`).join('');
    const other = `<model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"><resources><object id="7"><mesh><vertices>${vertices}</vertices><triangles>${triangles}</triangles></mesh></object></resources><build/></model>`;
    const root = `<?xml version="1.0"?>
<model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06">
<resources>
 <object id="1"><mesh><vertices>${vertices}</vertices><triangles>${triangles}</triangles></mesh></object>
 <object id="2"><components><component objectid="1"/><component objectid="1" transform="1 0 0 0 1 0 0 0 1 5 0 0"/><component objectid="7" p:path="/3D/other.model" transform="1 0 0 0 1 0 0 0 1 0 5 0"/></components></object>
</resources>
<build><item objectid="2" transform="1 0 0 0 1 0 0 0 1 0 0 1"/></build>
</model>`;
    const a = await analyzeModelStream(Readable.from([await zipParts({ '3D/3dmodel.model': root, '3D/other.model': other })]), { filename: 'x.3mf' });
    expect(a.triangles).toBe(36);
    expect(a.shells).toBe(3);
    expect(a.boundingBox.min).toEqual({ x: 0, y: 0, z: 1 });
    expect(a.boundingBox.max).toEqual({ x: 6, y: 6, z: 2 });
    expect(a.volume).toBeCloseTo(3, 12);
  });

  it('applies glTF node transforms', async () => {
    const a = await analyzeModelStream(Readable.from([toGlb(cube, { translation: [1, 2, 3], scale: [0.5, 0.5, 0.5] })]));
    expect(a.boundingBox.min).toEqual({ x: 0.5, y: 1.5, z: 2.5 });
    expect(a.boundingBox.size).toEqual({ x: 1, y: 1, z: 1 });
    expect(a.volumeMm3).toBeCloseTo(1e9, 3);
  });
});

describe('format details', () => {
  it('reads OBJ polygons, negative indices and attribute slashes', async () => {
    const obj = ['# quad cube', 'mtllib x.mtl', 'v -1 -1 -1', 'v -1 -1 1', 'v -1 1 -1', 'v -1 1 1', 'v 1 -1 -1', 'v 1 -1 1', 'v 1 1 -1', 'v 1 1 1', 'vt 0 0', 'vn 0 0 1', 'usemtl m', 'f 1/1/1 2/1/1 4/1/1 3/1/1', 'f -4 -2 -1 -3', 'f 1 5 6 2', 'f 3 4 8 7', 'f 1 3 7 5', 'f 2 6 8 4', 'frobnicate 1 2'].join('\r\n');
    const a = await analyzeModelStream(Readable.from([Buffer.from(obj)]), { filename: 'q.obj' });
    expect(a.triangles).toBe(12);
    expect(a.volume).toBeCloseTo(8, 12);
    expect(a.watertight).toBe(true);
    expect(a.warnings.join(' ')).toMatch(/1 OBJ lines with unknown keywords/);
  });

  it('skips PLY elements it does not need', async () => {
    const ply = ['ply', 'format ascii 1.0', 'element vertex 4', 'property float x', 'property float y', 'property float z', 'element edge 1', 'property int vertex1', 'property int vertex2', 'element face 4', 'property list uchar uint vertex_index', 'end_header', '0 0 0', '1 0 0', '0 1 0', '0 0 1', '0 1', '3 0 2 1', '3 0 1 3', '3 0 3 2', '3 1 2 3', ''].join('\n');
    const a = await analyzeModelStream(Readable.from([Buffer.from(ply)]));
    expect(a.triangles).toBe(4);
    expect(a.volume).toBeCloseTo(1 / 6, 12);
    expect(a.watertight).toBe(true);
  });

  it('detects a binary STL whose header starts with "solid" and OBJ without an extension', () => {
    const stl = toBinaryStl(cube);
    stl.write('solid binary but not ascii', 0, 'latin1');
    expect(detectModelFormat(stl)).toEqual({ format: 'stl', encoding: 'binary' });
    expect(detectModelFormat(Buffer.from('# made by hand\nv 0 0 0\n'))).toEqual({ format: 'obj', encoding: 'ascii' });
    expect(detectModelFormat(Buffer.from('solid x\n facet normal 0 0 1\n'), 'x.stl')).toEqual({ format: 'stl', encoding: 'ascii' });
  });

  it('reports a sphere close to its analytic volume and area', async () => {
    const a = await analyzeModelStream(Readable.from([toBinaryStl(makeSphere([-5, 5, -5], 10, 90, 180))]));
    expect(a.watertight).toBe(true);
    expect(a.volume / ((4 / 3) * Math.PI * 1000)).toBeCloseTo(1, 2);
    expect(a.surfaceArea / (4 * Math.PI * 100)).toBeCloseTo(1, 2);
  });
});
