import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeModelFile } from './index.js';
import type { TModelAnalysis } from './models.schema.js';
import { flipTriangles, makeBox, makeSphere, mergeMeshes, toAsciiStl, toBinaryStl, withoutTriangles, type TestMesh } from './test-meshes.js';

/**
 * Compares our analysis of generated STL files with admesh 0.98 (the Debian package). admesh runs with
 * `-e -d -v`: exact edge matching only (no nearby merging, no hole filling, so its "Original" and
 * "Final" facet columns agree), plus normal directions (which computes "Number of parts") and normal
 * values (so its normal-based volume is right). Backwards edges come from a plain `-e` run, because
 * `-d` resets that counter while fixing. The field mapping is documented in topology.ts.
 */
const admesh = '/usr/bin/admesh';
const hasAdmesh = existsSync(admesh);
if (!hasAdmesh) console.log(`admesh not found at ${admesh}: skipping the admesh agreement tests (apt-get install admesh).`);

const run = promisify(execFile);

interface AdmeshStats {
  facets: number;
  disconnectedEdges: number;
  min: [number, number, number];
  max: [number, number, number];
  parts: number;
  volume: number;
  degenerate: number;
  backwardsEdges: number;
}

async function admeshStats(file: string): Promise<AdmeshStats> {
  // admesh hangs on some malformed input (a binary STL with only ASCII bytes), hence the timeout.
  const exact = (await run(admesh, ['-e', '-d', '-v', file], { timeout: 20_000 })).stdout;
  const plain = (await run(admesh, ['-e', file], { timeout: 20_000 })).stdout;
  const number = (text: string, pattern: RegExp): number => {
    const match = pattern.exec(text);
    if (match?.[1] === undefined) throw new Error(`admesh output lacks ${pattern.source}:\n${text}`);
    return Number(match[1]);
  };
  const axis = (name: string): [number, number] => [number(exact, new RegExp(`Min ${name} =\\s*([^,\\s]+),`)), number(exact, new RegExp(`Max ${name} =\\s*(\\S+)`))];
  const [minX, maxX] = axis('X');
  const [minY, maxY] = axis('Y');
  const [minZ, maxZ] = axis('Z');
  return {
    facets: number(exact, /Number of facets\s*:\s*(\d+)/),
    disconnectedEdges:
      number(exact, /Facets with 1 disconnected edge\s*:\s*(\d+)/) +
      2 * number(exact, /Facets with 2 disconnected edges\s*:\s*(\d+)/) +
      3 * number(exact, /Facets with 3 disconnected edges\s*:\s*(\d+)/),
    min: [minX, minY, minZ],
    max: [maxX, maxY, maxZ],
    parts: number(exact, /Number of parts\s*:\s*(\d+)/),
    volume: number(exact, /Volume\s*:\s*(\S+)/),
    degenerate: number(exact, /Degenerate facets\s*:\s*(\d+)/),
    backwardsEdges: number(plain, /Backwards edges\s*:\s*(\d+)/),
  };
}

const box = (min: [number, number, number], size: number): TestMesh => makeBox(min, [size, size, size]);
const cube = box([-1, -1, -1], 2);
const degenerate: TestMesh = { positions: [...cube.positions], indices: [...cube.indices, 0, 0, 7] };
const nonManifoldFin: TestMesh = { positions: [...cube.positions, -5, -0.5, 0], indices: [...cube.indices, 0, 2, 8] };

const cases: { name: string; mesh: TestMesh; ascii?: boolean }[] = [
  { name: 'cube', mesh: cube },
  { name: 'two disjoint cubes', mesh: mergeMeshes(cube, box([5, 5, 5], 3)) },
  { name: 'sphere', mesh: makeSphere([0.5, -0.25, 3], 25, 24, 48) },
  { name: 'cube with a missing face', mesh: withoutTriangles(cube, [0, 1]) },
  { name: 'negative coordinates', mesh: mergeMeshes(makeSphere([-120.5, -80.25, -40], 12.5, 16, 32), box([-300, -200, -10], 7.5)) },
  { name: 'ascii sphere', mesh: makeSphere([-3, 4, -5], 10, 12, 24), ascii: true },
  { name: 'cubes touching at a corner', mesh: mergeMeshes(cube, box([1, 1, 1], 2)) },
  { name: 'flipped triangle', mesh: flipTriangles(cube, [4]) },
  { name: 'degenerate triangle', mesh: degenerate },
  { name: 'non-manifold fin', mesh: nonManifoldFin },
];

describe.skipIf(!hasAdmesh)('agreement with admesh on STL files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshvault-admesh-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function both(name: string, mesh: TestMesh, ascii = false): Promise<[TModelAnalysis, AdmeshStats]> {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.stl`);
    await writeFile(file, ascii ? toAsciiStl(mesh) : toBinaryStl(mesh));
    return [await analyzeModelFile(file), await admeshStats(file)];
  }

  it.each(cases)('$name: triangle count, bounding box, open edges and degenerate facets match', async ({ name, mesh, ascii }) => {
    const [ours, theirs] = await both(name, mesh, ascii);
    expect(ours.encoding).toBe(ascii === true ? 'ascii' : 'binary');
    expect(ours.triangles).toBe(theirs.facets);
    const { min, max } = ours.boundingBox;
    [min.x, min.y, min.z].forEach((v, i) => expect(v).toBeCloseTo(theirs.min[i] ?? NaN, 5));
    [max.x, max.y, max.z].forEach((v, i) => expect(v).toBeCloseTo(theirs.max[i] ?? NaN, 5));
    // admesh pairs edge uses two by two: a non-manifold edge with three faces leaves one side unpaired.
    expect(ours.edges.open + ours.edges.nonManifold).toBe(theirs.disconnectedEdges);
    expect(ours.degenerateTriangles).toBe(theirs.degenerate);
    expect(2 * ours.edges.inconsistentlyOriented).toBe(theirs.backwardsEdges);
  });

  it.each(cases.filter((c) => c.name !== 'non-manifold fin'))('$name: number of parts matches', async ({ name, mesh, ascii }) => {
    const [ours, theirs] = await both(name, mesh, ascii);
    expect(ours.shells).toBe(theirs.parts);
  });

  it.each(cases.filter((c) => !['cube with a missing face', 'non-manifold fin'].includes(c.name)))(
    '$name: volume of a closed mesh agrees to 1e-4',
    async ({ name, mesh, ascii }) => {
      const [ours, theirs] = await both(name, mesh, ascii);
      expect(ours.watertight).toBe(true);
      expect(Math.abs(ours.volume - theirs.volume) / ours.volume).toBeLessThan(1e-4);
    },
  );

  it('the cases exercise what they claim', async () => {
    const [missing] = await both('check-missing', withoutTriangles(cube, [0, 1]));
    const [fin] = await both('check-fin', nonManifoldFin);
    const [flipped] = await both('check-flip', flipTriangles(cube, [4]));
    const [two] = await both('check-two', mergeMeshes(cube, box([5, 5, 5], 3)));
    expect([missing.edges.open, fin.edges.nonManifold, flipped.edges.inconsistentlyOriented, two.shells]).toEqual([4, 1, 3, 2]);
  });
});
