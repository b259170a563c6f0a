import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeModelStream, analyzeModelStreamWithPreview } from './analyze-model.js';
import type { RawMesh } from './mesh.js';
import { buildPreview, PREVIEW_MAX_TRIANGLES } from './preview.js';
import { makeBox, makeSphere, mergeMeshes, toBinaryStl, type TestMesh } from './test-meshes.js';

const indexed = (mesh: TestMesh): RawMesh => ({ positions: Float64Array.from(mesh.positions), indices: Uint32Array.from(mesh.indices), triangleCount: mesh.indices.length / 3 });

/** The same mesh as an STL-style soup: three float32 vertices per triangle. */
const soup = (mesh: TestMesh): RawMesh => {
  const positions = new Float32Array(mesh.indices.length * 3);
  mesh.indices.forEach((v, i) => positions.set(mesh.positions.slice(3 * v, 3 * v + 3), 3 * i));
  return { positions, indices: null, triangleCount: mesh.indices.length / 3 };
};

/** Header and chunks as the GLB container defines them. */
function readGlbContainer(glb: Uint8Array) {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  expect(view.getUint32(0, true)).toBe(0x46546c67);
  expect(view.getUint32(4, true)).toBe(2);
  expect(view.getUint32(8, true)).toBe(glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  expect(view.getUint32(16, true)).toBe(0x4e4f534a);
  expect(jsonLength % 4).toBe(0);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as {
    accessors: Array<{ count: number; componentType: number; min?: number[]; max?: number[] }>;
    buffers: Array<{ byteLength: number }>;
  };
  const bin = 20 + jsonLength;
  const binLength = view.getUint32(bin, true);
  expect(view.getUint32(bin + 4, true)).toBe(0x004e4942);
  expect(binLength % 4).toBe(0);
  expect(bin + 8 + binLength).toBe(glb.byteLength);
  expect(json.buffers[0]!.byteLength).toBeLessThanOrEqual(binLength);
  return json;
}

async function reread(glb: Uint8Array) {
  return analyzeModelStream(Readable.from([Buffer.from(glb)]), { filename: 'preview.glb' });
}

describe('mesh previews', () => {
  // 2·400·299 = 239,200 triangles, twelve times what a preview holds.
  const sphere = makeSphere([10, -20, 5], 30, 300, 400);
  const sphereTriangles = sphere.indices.length / 3;

  it('writes a GLB our own glTF reader accepts, with at most the preview budget of triangles, inside the original box', async () => {
    expect(sphereTriangles).toBeGreaterThan(10 * PREVIEW_MAX_TRIANGLES);
    const preview = buildPreview(indexed(sphere))!;
    expect(preview.triangles).toBeLessThanOrEqual(PREVIEW_MAX_TRIANGLES);
    expect(preview.triangles).toBeGreaterThan(PREVIEW_MAX_TRIANGLES / 8); // halving the grid at most quarters the count
    const json = readGlbContainer(preview.glb);
    expect(json.accessors[0]).toMatchObject({ componentType: 5126, count: preview.vertices });
    expect(json.accessors[1]).toMatchObject({ componentType: 5125, count: 3 * preview.triangles });

    const back = await reread(preview.glb);
    expect(back.triangles).toBe(preview.triangles);
    // glTF declares metres; the preview keeps the model's own numbers, so compare boundingBox (file units).
    const original = await analyzeModelStream(Readable.from([toBinaryStl(sphere)]), { filename: 'sphere.stl' });
    for (const axis of ['x', 'y', 'z'] as const) {
      expect(back.boundingBox.min[axis]).toBeGreaterThanOrEqual(original.boundingBox.min[axis] - 1e-4);
      expect(back.boundingBox.max[axis]).toBeLessThanOrEqual(original.boundingBox.max[axis] + 1e-4);
      // and it still looks like the sphere: within a few cells of its size
      expect(back.boundingBox.size[axis]).toBeGreaterThan(original.boundingBox.size[axis] * 0.9);
    }
    expect(json.accessors[0]!.min).toEqual([0, 1, 2].map((i) => Math.fround(back.boundingBox.min[(['x', 'y', 'z'] as const)[i]!])));
    // A closed sphere stays closed-ish and keeps most of its volume.
    expect(back.volume).toBeGreaterThan(0.8 * original.volume);
  });

  it('reads triangle soups (STL) the same way, and keeps small meshes whole', () => {
    const fromSoup = buildPreview(soup(sphere))!;
    expect(fromSoup.triangles).toBeLessThanOrEqual(PREVIEW_MAX_TRIANGLES);
    const box = makeBox([0, 0, 0], [10, 20, 30]);
    const small = buildPreview(soup(box))!;
    expect(small).toMatchObject({ triangles: 12, vertices: 8 });
  });

  it('holds to any budget, and gives nothing for a mesh without extent', () => {
    const two = mergeMeshes(makeSphere([0, 0, 0], 5, 40, 60), makeBox([20, 0, 0], [3, 3, 3]));
    for (const max of [1, 12, 100, 1000]) expect(buildPreview(indexed(two), max)?.triangles ?? 0).toBeLessThanOrEqual(max);
    expect(buildPreview({ positions: new Float64Array(9).fill(1), indices: null, triangleCount: 1 })).toBeNull();
    expect(() => buildPreview(indexed(two), 1_000_000)).toThrow(RangeError);
  });

  it('comes with the analysis from one parse', async () => {
    const stl = toBinaryStl(sphere);
    const { analysis, preview } = await analyzeModelStreamWithPreview(Readable.from([stl]), { filename: 'sphere.stl' });
    expect(analysis.triangles).toBe(sphereTriangles);
    expect(preview).not.toBeNull();
    expect((await reread(preview!)).triangles).toBeLessThanOrEqual(PREVIEW_MAX_TRIANGLES);
    // A 239,200-triangle STL of 12 MB becomes a preview of well under half a megabyte.
    expect(stl.length).toBeGreaterThan(11_000_000);
    expect(preview!.byteLength).toBeLessThan(500_000);
  });
});
