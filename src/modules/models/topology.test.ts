import { describe, expect, it } from 'vitest';
import type { RawMesh } from './mesh.js';
import { measureMesh } from './measures.js';
import { createRandom, makeBox, makeSphere, mergeMeshes, type TestMesh } from './test-meshes.js';
import { analyzeTopology, weldVertices } from './topology.js';

function soup(mesh: TestMesh): RawMesh {
  const positions = new Float32Array(mesh.indices.length * 3);
  mesh.indices.forEach((v, i) => positions.set(mesh.positions.slice(3 * v, 3 * v + 3), 3 * i));
  return { positions, indices: null, triangleCount: mesh.indices.length / 3 };
}

describe('welding and topology', () => {
  it('welds exactly equal coordinates only', () => {
    const { ids, unique } = weldVertices(new Float64Array([0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1e-12, 1, 0, 0]));
    expect(unique).toBe(3);
    expect([...ids]).toEqual([0, 1, 0, 2, 1]);
  });

  it('counts shells by shared edges: cubes touching at a corner are two shells, sharing a face edge one', () => {
    const a = makeBox([0, 0, 0], [1, 1, 1]);
    expect(analyzeTopology(soup(mergeMeshes(a, makeBox([1, 1, 1], [1, 1, 1])))).shells).toBe(2);
    const sharingEdge = analyzeTopology(soup(mergeMeshes(a, makeBox([1, 1, 0], [1, 1, 1]))));
    expect(sharingEdge.shells).toBe(1);
    // The shared edge (1,1,z) is used by four faces.
    expect(sharingEdge.nonManifoldEdges).toBe(1);
  });

  it('counts the shells of many pieces whose faces come in any order', () => {
    // Spheres, boxes and boxes sharing an edge, their triangles shuffled, so that the shells are joined
    // along long paths in every order: 6 spheres + 5 lone boxes + 1 pair of boxes = 12 shells.
    const pieces = [
      ...Array.from({ length: 6 }, (_, i) => makeSphere([10 * i, 0, 0], 3, 7, 9)),
      ...Array.from({ length: 5 }, (_, i) => makeBox([10 * i, 20, 0], [1, 2, 3])),
      makeBox([0, 40, 0], [1, 1, 1]),
      makeBox([1, 41, 0], [1, 1, 1]),
    ];
    const merged = mergeMeshes(...pieces);
    const random = createRandom(12);
    const order = Array.from({ length: merged.indices.length / 3 }, (_, t) => t);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const indices = order.flatMap((t) => merged.indices.slice(3 * t, 3 * t + 3));
    expect(analyzeTopology(soup({ positions: merged.positions, indices })).shells).toBe(12);
  });

  it('orients a shell by its majority before the volume is summed', () => {
    // Off the origin, so that a flipped face changes the signed sum.
    const cube = makeBox([1, 1, 1], [2, 2, 2]);
    const indices = [...cube.indices];
    [indices[1], indices[2]] = [indices[2] ?? 0, indices[1] ?? 0];
    const mesh = soup({ positions: cube.positions, indices });
    const topology = analyzeTopology(mesh);
    expect(topology.inconsistentEdges).toBe(3);
    expect([...(topology.reversed ?? [])].reduce((a, b) => a + b, 0)).toBe(1);
    expect(measureMesh(mesh).signedVolume).not.toBeCloseTo(8, 6);
    expect(measureMesh(mesh, topology.reversed).signedVolume).toBeCloseTo(8, 12);
  });

  it('leaves triangles with a repeated vertex out of the edges but counts them as degenerate', () => {
    const cube = makeBox([0, 0, 0], [1, 1, 1]);
    const mesh = soup({ positions: [...cube.positions, 5, 5, 5, 6, 5, 5, 5, 6, 5], indices: [...cube.indices, 0, 0, 8, 8, 9, 10] });
    const topology = analyzeTopology(mesh);
    expect(topology.repeatedVertexTriangles).toBe(1);
    expect(topology.openEdges).toBe(3);
    expect(topology.shells).toBe(2);
    expect(measureMesh(mesh).degenerateTriangles).toBe(1);
  });
});
