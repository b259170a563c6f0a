import { describe, expect, it } from 'vitest';
import type { RawMesh } from './mesh.js';
import { measureMesh } from './measures.js';
import { makeBox, mergeMeshes, type TestMesh } from './test-meshes.js';
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
