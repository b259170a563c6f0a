import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeModelFile } from './index.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/models/', import.meta.url));

describe('committed model fixtures', () => {
  it.each(['cube-20mm.stl', 'cube-20mm-ascii.stl', 'cube-20mm.obj', 'cube-20mm-binary.ply', 'cube-20mm.3mf', 'cube-20mm.glb', 'cube-20mm.gltf'])(
    '%s is a closed 20 mm cube',
    async (name) => {
      const a = await analyzeModelFile(join(fixtures, name));
      expect(a.triangles).toBe(12);
      for (const axis of ['x', 'y', 'z'] as const) expect(a.boundingBoxMm.size[axis]).toBeCloseTo(20, 4);
      expect(a.boundingBoxMm.min.z).toBeCloseTo(0, 6);
      expect(a.volumeMm3).toBeCloseTo(8000, 1);
      expect(a.surfaceAreaMm2).toBeCloseTo(2400, 2);
      expect([a.shells, a.edges.open, a.watertight]).toEqual([1, 0, true]);
    },
  );

  it('open-box.stl has a hole of four edges', async () => {
    const a = await analyzeModelFile(join(fixtures, 'open-box.stl'));
    expect([a.triangles, a.edges.open, a.watertight]).toEqual([10, 4, false]);
  });

  it('two-spheres.stl has two shells', async () => {
    const a = await analyzeModelFile(join(fixtures, 'two-spheres.stl'));
    expect([a.triangles, a.shells, a.watertight]).toEqual([1056, 2, true]);
  });
});
