import { describe, expect, it } from 'vitest';
import { defaultModelLimits, type ModelLimits } from './limits.js';
import type { RawMesh } from './mesh.js';
import { openStlWelder, STL_BLOCK_RECORDS } from './stl-weld-kernel.js';
import { createRandom, makeBox, makeSphere, mergeMeshes, toBinaryStl, type TestMesh } from './test-meshes.js';
import { analyzeTopology } from './topology.js';
import { Float32Welder, STL_RECORD_BYTES, type StlRecordWelder } from './vertex-welder.js';

/**
 * The WebAssembly kernel (packages/mesh-kernel) against the JavaScript it replaces on binary STL: the
 * same records through both give the same ids, positions, sums (to the bit), box and edge counts.
 */

/** The records of a binary STL (its header cut off). */
function recordsOf(mesh: TestMesh): Uint8Array {
  return new Uint8Array(toBinaryStl(mesh).subarray(84));
}

/** Feeds `records` to the welder a block at a time, as the STL reader does; -1 or the first non-finite record. */
function feed(welder: StlRecordWelder, records: Uint8Array): number {
  const count = records.byteLength / STL_RECORD_BYTES;
  for (let done = 0; done < count; ) {
    const batch = Math.min(STL_BLOCK_RECORDS, count - done);
    welder.recordBlock(batch).set(records.subarray(done * STL_RECORD_BYTES, (done + batch) * STL_RECORD_BYTES));
    const bad = welder.weldBlock(batch);
    if (bad >= 0) return done + bad;
    done += batch;
  }
  return -1;
}

function kernelFor(triangles: number, expected = triangles, limits: ModelLimits = defaultModelLimits): StlRecordWelder {
  const welder = openStlWelder(limits, triangles, expected);
  expect(welder).not.toBeInstanceOf(Float32Welder);
  return welder;
}

function meshOf(welder: StlRecordWelder): RawMesh {
  const indices = welder.corners();
  const countEdges = welder.countEdges?.bind(welder);
  return { positions: welder.positions(), indices, triangleCount: indices.length / 3, welded: true, ...welder.measured(), ...(countEdges && { countEdges }) };
}

/** Welds `records` with both, compares all they give, and returns the kernel's mesh. */
function expectSameWelding(records: Uint8Array, expected?: number): RawMesh {
  const triangles = records.byteLength / STL_RECORD_BYTES;
  const kernel = kernelFor(triangles, expected);
  const reference = new Float32Welder(defaultModelLimits, expected ?? triangles);
  expect(feed(kernel, records)).toBe(-1);
  expect(feed(reference, records)).toBe(-1);
  expect(kernel.count).toBe(reference.count);
  expect(kernel.corners()).toEqual(reference.corners());
  expect(kernel.positions()).toEqual(reference.positions());
  const ours = kernel.measured();
  const theirs = reference.measured();
  expect(ours.sums?.volume6).toBe(theirs.sums?.volume6);
  expect(ours.sums?.area2).toBe(theirs.sums?.area2);
  expect(ours.sums?.degenerate).toBe(theirs.sums?.degenerate);
  const positions = reference.positions();
  const axis = (k: number) => positions.filter((_, i) => i % 3 === k);
  expect(ours.bounds).toEqual({ min: [0, 1, 2].map((k) => Math.min(...axis(k))), max: [0, 1, 2].map((k) => Math.max(...axis(k))) });
  const mesh = meshOf(kernel);
  expect(analyzeTopology(mesh)).toEqual(analyzeTopology({ ...meshOf(reference), countEdges: undefined }));
  return mesh;
}

/**
 * Triangles over a small pool of points, so edges are shared by one, two or many faces in either
 * direction, some triangles repeat a vertex, pieces come and go; -0 appears beside +0.
 */
function chaoticMesh(seed: number, points: number, triangles: number): TestMesh {
  const random = createRandom(seed);
  const pool = Array.from({ length: points }, () => [0, 0, 0].map(() => (random() < 0.1 ? -0 : Math.round(random() * 40) - 20)));
  const positions = pool.flat();
  const indices = Array.from({ length: 3 * triangles }, () => Math.floor(random() * points));
  return { positions, indices };
}

describe('the mesh kernel agrees with the JavaScript welder and topology', () => {
  it('on meshes with open, non-manifold and backwards edges, repeated vertices and many pieces', () => {
    for (const seed of [1, 2, 3]) expectSameWelding(recordsOf(chaoticMesh(seed, 60 + 40 * seed, 4000)));
    // Shuffled spheres and boxes, some faces flipped: the shells are oriented from the kernel's buckets.
    const pieces = mergeMeshes(...Array.from({ length: 4 }, (_, i) => makeSphere([10 * i, 0, 0], 3, 9, 12)), makeBox([0, 20, 0], [1, 2, 3]), makeBox([1, 22, 0], [1, 1, 1]));
    const random = createRandom(7);
    const triangles = pieces.indices.length / 3;
    const order = Array.from({ length: triangles }, (_, t) => t).sort(() => random() - 0.5);
    const indices = order.flatMap((t, i) => {
      const [a, b, c] = pieces.indices.slice(3 * t, 3 * t + 3) as [number, number, number];
      return i % 17 === 0 ? [a, c, b] : [a, b, c];
    });
    const topology = analyzeTopology(expectSameWelding(recordsOf({ positions: pieces.positions, indices })));
    expect(topology.shells).toBe(6);
    expect(topology.reversed).not.toBeNull();
  });

  it('sorts a vertex shared by thousands of faces, and an edge used by dozens', () => {
    // A fan of 3,000 triangles round one vertex, and 40 triangles on one edge.
    const ring = Array.from({ length: 3000 }, (_, i) => [Math.cos(i / 480), Math.sin(i / 480), 0]);
    const fan: TestMesh = { positions: [[0, 0, 1], ...ring].flat(), indices: ring.flatMap((_, i) => [0, 1 + i, 1 + ((i + 1) % 3000)]) };
    const book: TestMesh = { positions: [0, 0, 5, 0, 0, 6, ...Array.from({ length: 40 }, (_, i) => [1, i, 5.5]).flat()], indices: Array.from({ length: 40 }, (_, i) => [0, 1, 2 + i]).flat() };
    const topology = analyzeTopology(expectSameWelding(recordsOf(mergeMeshes(fan, book))));
    expect(topology.nonManifoldEdges).toBe(1);
  });

  it('grows its table from a small guess through many distinct vertices, in several blocks', () => {
    const soup = chaoticMesh(9, 30_000, 30_000);
    expectSameWelding(recordsOf(soup), 16);
  });

  it('stops at the same record with a coordinate that is not finite', () => {
    const records = recordsOf(makeSphere([0, 0, 0], 1, 12, 12));
    new DataView(records.buffer).setFloat32(50 * 100 + 12 + 4 * 4, Number.NaN, true);
    expect(feed(kernelFor(records.byteLength / 50), records)).toBe(100);
    expect(feed(new Float32Welder(defaultModelLimits, 16), records)).toBe(100);
  });

  it('refuses a model past the vertex budget as the JavaScript welder does', () => {
    const limits = { ...defaultModelLimits, maxVertices: 100 };
    const records = recordsOf(chaoticMesh(4, 500, 400));
    const refusal = (welder: StlRecordWelder) => {
      try {
        feed(welder, records);
      } catch (error) {
        return error;
      }
      return null;
    };
    const ours = refusal(kernelFor(400, 400, limits));
    expect(ours).toMatchObject({ code: 'payload_too_large', details: { maxVertices: 100 } });
    expect(ours).toEqual(refusal(new Float32Welder(limits, 400)));
  });

  it('refuses more records than it was laid out for, rather than write over its vertices', () => {
    const records = recordsOf(makeBox([0, 0, 0], [1, 1, 1]));
    const welder = kernelFor(11);
    expect(() => feed(welder, records)).toThrow(RangeError);
    expect(welder.count).toBe(0);
  });

  it('leaves a model whose worst case passes a 32-bit memory to the JavaScript welder', () => {
    expect(openStlWelder(defaultModelLimits, 45_000_000, 16)).toBeInstanceOf(Float32Welder);
  });
});
