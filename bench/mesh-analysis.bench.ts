/**
 * Mesh analysis against admesh on the same 1M-triangle model (a finely tessellated sphere off the
 * origin, so every coordinate is negative and admesh reads the STL as binary), as whole processes:
 * CPU time (user + system) and peak RSS from `/usr/bin/time -v`, for
 * - `meshvault model analyze FILE` (from dist/ when built, else through tsx, whose start-up is counted),
 * - the analysis child the server uses for uploads (its own peak RSS, without the CLI),
 * - `admesh --exact FILE`: exact edge matching and statistics only; without --exact it also runs the
 *   nearby-edge, hole-filling and normal repairs, which do more work than our analysis does.
 * admesh reads only STL, so the OBJ of the same mesh is compared with admesh on the STL; an ASCII STL (of
 * a smaller sphere) is compared with admesh on that same ASCII file.
 * Peak RSS per million triangles is the peak minus the same process's peak on a 12-triangle cube.
 * Every process is run MESH_BENCH_ROUNDS times (5), ours and admesh's in the same interleaved rounds,
 * and each figure is the median of its runs: one run of a 0.2-second process on a shared machine was
 * seen to swing by a third.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as SourceModels from '../src/modules/models/index.js';
import { makeBox, makeSphere, toAsciiStl, toBinaryStl, toObj } from '../src/modules/models/test-meshes.js';
import { SERVER_BUNDLE as built } from '../test/server-bundle.js';
import { benchRow, type BenchRow } from './bench-row.js';
import { median } from './process-cpu.js';

const admesh = '/usr/bin/admesh';
const time = '/usr/bin/time';
const root = join(import.meta.dirname, '..');
const builtModels = join(root, 'dist', 'server', 'modules', 'models', 'index.js');
/** The shipped (compiled) analyser when built, so its child runs without the tsx loader. */
const models = (await import(existsSync(builtModels) ? pathToFileURL(builtModels).href : '../src/modules/models/index.js')) as typeof SourceModels;

interface Run {
  cpu: number;
  peakMiB: number;
  ok: boolean;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(time, ['-v', command, ...args], { encoding: 'utf8', timeout: 600_000, cwd: root, env });
  const field = (name: string): number => Number(new RegExp(`${name}:\\s*([\\d.]+)`).exec(result.stderr)?.[1] ?? Number.NaN);
  return { cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), peakMiB: field('Maximum resident set size \\(kbytes\\)') / 1024, ok: result.status === 0 };
}

function meshvault(file: string, env: NodeJS.ProcessEnv = process.env): Run {
  return existsSync(built)
    ? timed(process.execPath, [built, 'model', 'analyze', file], env)
    : timed(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'model', 'analyze', file], env);
}

const ROUNDS = Number(process.env.MESH_BENCH_ROUNDS ?? 5);

/**
 * Runs every command once per round, in the order given, for ROUNDS rounds; each command's figures are
 * the medians of its runs (ok only if every run was).
 */
function medianRuns<K extends string>(commands: Record<K, () => Run>): Record<K, Run> {
  const runs = Object.fromEntries(Object.keys(commands).map((name) => [name, [] as Run[]])) as Record<K, Run[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(commands) as K[]) runs[name].push(commands[name]());
  }
  return Object.fromEntries(
    (Object.keys(runs) as K[]).map((name) => [name, { cpu: median(runs[name].map((r) => r.cpu)), peakMiB: median(runs[name].map((r) => r.peakMiB)), ok: runs[name].every((r) => r.ok) }]),
  ) as Record<K, Run>;
}

/**
 * NODE_EXTRA_CA_CERTS makes every Node process parse that certificate bundle as it starts, before any
 * of our code runs (about 0.035 s CPU for a distribution's bundle, more than the rest of Node's start-up);
 * when the environment sets it, the STL figure is also measured without it, as most users run the CLI.
 */
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
const withoutExtraCaCerts = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

async function childPeakMiB(file: string): Promise<{ peakMiB: number; seconds: number }> {
  const analyser = models.createModelAnalyser({ memoryMb: 4096, limits: models.defaultModelLimits });
  const started = performance.now();
  const { peakRssBytes } = await analyser.analyze(createReadStream(file), { filename: basename(file), byteLength: (await stat(file)).size });
  return { peakMiB: peakRssBytes / 2 ** 20, seconds: (performance.now() - started) / 1000 };
}

const f = (n: number, digits = 2): string => n.toFixed(digits);

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'meshvault-bench-mesh-'));
  try {
    // 2 · 1000 · (501 − 1) = 1,000,000 triangles, 500,002 distinct vertices.
    const sphere = makeSphere([-60, -45, -30], 25, 501, 1000);
    const triangles = sphere.indices.length / 3;
    const millions = triangles / 1e6;
    const stl = join(dir, 'sphere.stl');
    const obj = join(dir, 'sphere.obj');
    const cube = join(dir, 'cube.stl');
    await writeFile(stl, toBinaryStl(sphere));
    await writeFile(obj, toObj(sphere));
    await writeFile(cube, toBinaryStl(makeBox([-1, -1, -1], [2, 2, 2])));

    const ascii = join(dir, 'sphere-ascii.stl');
    // admesh reads ASCII STL too: the same comparison on a text file, of a quarter of the triangles
    // (250,000; the text is five times the bytes of the binary form).
    await writeFile(ascii, toAsciiStl(makeSphere([-60, -45, -30], 25, 251, 500)));

    const haveAdmesh = existsSync(admesh);
    const none = (): Run => ({ cpu: Number.NaN, peakMiB: Number.NaN, ok: false });
    const runs = medianRuns({
      theirs: haveAdmesh ? () => timed(admesh, ['--exact', stl]) : none,
      oursSTL: () => meshvault(stl),
      theirsIdle: haveAdmesh ? () => timed(admesh, ['--exact', cube]) : none,
      oursIdle: () => meshvault(cube),
      oursOBJ: () => meshvault(obj),
      oursPlainSTL: extraCaCerts !== undefined ? () => meshvault(stl, withoutExtraCaCerts()) : none,
      theirsAscii: haveAdmesh ? () => timed(admesh, ['--exact', ascii]) : none,
      oursAscii: () => meshvault(ascii),
    });
    const theirs = haveAdmesh ? runs.theirs : null;
    const theirsIdle = haveAdmesh ? runs.theirsIdle : null;
    const oursIdle = runs.oursIdle;
    const childIdle = await childPeakMiB(cube);
    console.log(`meshvault model analyze via ${existsSync(built) ? 'dist/' : 'tsx (start-up included; `npm run build` for the shipped form)'}; ${triangles.toLocaleString('en-US')} triangles; medians of ${ROUNDS} interleaved runs`);
    console.log(`  meshvault on a 12-triangle cube (CLI start-up): CPU ${f(oursIdle.cpu)} s, peak RSS ${f(oursIdle.peakMiB, 1)} MiB`);
    if (theirs && theirsIdle) {
      console.log(`  admesh --exact STL: CPU ${f(theirs.cpu)} s, peak RSS ${f(theirs.peakMiB, 1)} MiB, ${f((theirs.peakMiB - theirsIdle.peakMiB) / millions, 1)} MiB per million triangles`);
    } else {
      console.log('  admesh not installed (apt-get install admesh) — no reference');
    }
    for (const [label, file, ours] of [['STL', stl, runs.oursSTL], ['OBJ', obj, runs.oursOBJ]] as const) {
      const child = await childPeakMiB(file);
      let line = `  meshvault ${label}: CPU ${f(ours.cpu)} s, peak RSS ${f(ours.peakMiB, 1)} MiB (${f((ours.peakMiB - oursIdle.peakMiB) / millions, 1)} MiB per million triangles)${ours.ok ? '' : ' FAILED'}`;
      if (theirs) line += ` | vs admesh: CPU ×${f(ours.cpu / theirs.cpu)} (×${f((ours.cpu - oursIdle.cpu) / theirs.cpu)} without start-up), RSS ×${f(ours.peakMiB / theirs.peakMiB)}`;
      console.log(line);
      const admeshRef = theirs ? 'admesh --exact (STL)' : 'admesh --exact: not installed';
      rows.push(
        benchRow(`meshvault model analyze, ${f(millions, 1)}M-triangle ${label}, whole process, CPU`, ours.cpu, 's', admeshRef, theirs?.cpu ?? null, '≤ 1.0× admesh'),
        benchRow(`same (${label}), peak RSS`, ours.peakMiB, 'MiB', admeshRef, theirs?.peakMiB ?? null, '≤ 2× admesh'),
      );
      if (label === 'STL' && extraCaCerts !== undefined && theirs) {
        const plain = runs.oursPlainSTL;
        console.log(`    without NODE_EXTRA_CA_CERTS (set here): CPU ${f(plain.cpu)} s | vs admesh: CPU ×${f(plain.cpu / theirs.cpu)}${plain.ok ? '' : ' FAILED'}`);
        rows.push(benchRow('same (STL), NODE_EXTRA_CA_CERTS unset, CPU', plain.cpu, 's', 'admesh --exact (STL)', theirs.cpu, '≤ 1.0× admesh'));
      }
      console.log(`    analysis child alone: peak RSS ${f(child.peakMiB, 1)} MiB (${f((child.peakMiB - childIdle.peakMiB) / millions, 1)} MiB per million triangles over its idle ${f(childIdle.peakMiB, 1)} MiB), ${f(child.seconds)} s wall`);
    }
    const theirsAscii = haveAdmesh ? runs.theirsAscii : null;
    const oursAscii = runs.oursAscii;
    let asciiLine = `  meshvault ASCII STL, 0.25M triangles: CPU ${f(oursAscii.cpu)} s, peak RSS ${f(oursAscii.peakMiB, 1)} MiB${oursAscii.ok ? '' : ' FAILED'}`;
    if (theirsAscii) asciiLine += ` | admesh --exact on it: CPU ${f(theirsAscii.cpu)} s, peak RSS ${f(theirsAscii.peakMiB, 1)} MiB | CPU ×${f(oursAscii.cpu / theirsAscii.cpu)}`;
    console.log(asciiLine);
    rows.push(benchRow('meshvault model analyze, 0.25M-triangle ASCII STL, whole process, CPU', oursAscii.cpu, 's', theirsAscii ? 'admesh --exact (the same ASCII STL)' : 'admesh --exact: not installed', theirsAscii?.cpu ?? null, '—'));
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
