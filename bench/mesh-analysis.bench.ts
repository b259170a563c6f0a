/**
 * Mesh analysis throughput against admesh on the same ~1M-triangle binary STL (a finely tessellated
 * sphere off the origin, so every coordinate is negative and admesh reads it as binary).
 *
 * admesh runs as `admesh --exact FILE`: exact edge matching and statistics only; without --exact it also
 * runs the nearby-edge, hole-filling and normal repairs, which do more work than our analysis does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeModelFile } from '../src/modules/models/index.js';
import { makeBox, makeSphere, toBinaryStl } from '../src/modules/models/test-meshes.js';

const admesh = '/usr/bin/admesh';
const admeshFlags = ['--exact'];

export default async function (): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'meshvault-bench-mesh-'));
  try {
    const file = join(dir, 'sphere.stl');
    // 2 · 1000 · (501 − 1) = 1,000,000 triangles.
    await writeFile(file, toBinaryStl(makeSphere([-60, -45, -30], 25, 501, 1000)));
    const warmup = join(dir, 'warmup.stl');
    await writeFile(warmup, toBinaryStl(makeBox([-1, -1, -1], [2, 2, 2])));
    await analyzeModelFile(warmup);

    const started = performance.now();
    const analysis = await analyzeModelFile(file);
    const ours = (performance.now() - started) / 1000;
    const triangles = analysis.triangles;
    let line = `mesh analysis: ${triangles.toLocaleString('en-US')} triangles in ${ours.toFixed(2)} s = ${rate(triangles / ours)} tri/s`;

    if (existsSync(admesh)) {
      const t0 = performance.now();
      const result = spawnSync(admesh, [...admeshFlags, file], { timeout: 300_000, encoding: 'utf8' });
      const theirs = (performance.now() - t0) / 1000;
      const facets = /Number of facets\s*:\s*(\d+)/.exec(result.stdout)?.[1];
      if (result.status !== 0 || facets !== String(triangles)) {
        line += ` | admesh ${admeshFlags.join(' ')} failed (status ${String(result.status)})`;
      } else {
        line += ` | admesh ${admeshFlags.join(' ')}: ${theirs.toFixed(2)} s = ${rate(triangles / theirs)} tri/s | ratio ${(theirs / ours).toFixed(2)}`;
      }
    } else {
      line += ' | admesh not installed (apt-get install admesh) — no reference';
    }
    console.log(line);
    console.log(`  (ratio = our throughput / admesh's; volume ${analysis.volume.toFixed(1)} mm³, watertight ${String(analysis.watertight)}, peak RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function rate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M` : `${Math.round(perSecond / 1000)}k`;
}
