/**
 * Issue 2's figures: how long `npm start` takes to be ready on an existing data directory, and
 * sign-in throughput beside bare argon2id verification with the same parameters, same run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureServerBuilt, SERVER_BUNDLE as cli, SERVER_NODE_FLAGS } from '../test/server-bundle.js';
import { benchRow, type BenchRow } from './bench-row.js';
import { cpuSecondsOf } from './process-cpu.js';
import { signInThroughput } from './sign-in-throughput.js';

const root = join(import.meta.dirname, '..');

async function waitReady(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become ready');
}

/** Wall seconds from spawn to a ready /readyz, and the CPU seconds the server had used by then. */
async function timeStart(dataDir: string, port: number): Promise<{ wall: number; cpu: number | null }> {
  const started = performance.now();
  // As `npm start` runs it: the same flags to Node.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, cli, 'serve'], {
    env: { ...process.env, MESHVAULT_DATA_DIR: dataDir, PORT: String(port), MESHVAULT_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitReady(port, 180_000);
    return { wall: (performance.now() - started) / 1000, cpu: cpuSecondsOf(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** A child's script: open the PGlite directory, run one query, print the CPU seconds it took in all. */
function pgliteOpenScript(dir: string): string {
  return `const { PGlite } = await import('@electric-sql/pglite');
const pg = await PGlite.create(${JSON.stringify(dir)});
await pg.query('select 1');
await pg.close();
const used = process.cpuUsage();
process.stdout.write(String((used.user + used.system) / 1e6));`;
}

async function readyTime(): Promise<BenchRow[]> {
  await ensureServerBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-bench-'));
  const port = 18000 + Math.floor(Math.random() * 1000);
  try {
    const first = await timeStart(dataDir, port);
    const restarts: Array<{ wall: number; cpu: number | null }> = [];
    for (let i = 0; i < 3; i++) restarts.push(await timeStart(dataDir, port));
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const nodeStart = (performance.now() - t0) / 1000;
    // The same open in a child of its own, so its CPU seconds compare with the server's.
    const t1 = performance.now();
    const opened = spawnSync(process.execPath, ['--input-type=module', '-e', pgliteOpenScript(join(dataDir, 'db'))], { cwd: root, encoding: 'utf8' });
    const nodeAndPglite = (performance.now() - t1) / 1000;
    const referenceCpu = Number(opened.stdout.trim()) || null;
    const middle = <T>(xs: T[], by: (x: T) => number): T => [...xs].sort((a, b) => by(a) - by(b))[1]!;
    const median = middle(restarts, (r) => r.wall).wall;
    const cpus = restarts.map((r) => r.cpu).filter((c): c is number => c !== null);
    const medianCpu = cpus.length === 3 ? middle(cpus, (c) => c) : null;
    console.log(
      `ready time, existing data dir: median ${median.toFixed(2)} s of 3 restarts (first start ${first.wall.toFixed(2)} s)${medianCpu === null ? '' : `, ${medianCpu.toFixed(2)} CPU s to ready`} | reference: bare node start ${nodeStart.toFixed(2)} s, node + PGlite open of the same dir ${nodeAndPglite.toFixed(2)} s${referenceCpu === null ? '' : ` (${referenceCpu.toFixed(2)} CPU s)`}`,
    );
    const rows = [benchRow('`npm start` on an existing data dir → /readyz (median of 3)', median, 's', 'node + PGlite open of the same dir, in a child process', nodeAndPglite, '< 2 s')];
    // CPU seconds hold better than wall time on a shared machine.
    if (medianCpu !== null) rows.push(benchRow('same, CPU seconds used by the server until ready', medianCpu, 'CPU s', 'node + PGlite open, CPU s', referenceCpu, '—'));
    return rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function (): Promise<BenchRow[]> {
  // FOUNDATION_BENCH=sign-in measures only the sign-in (issue #12's figure), without the restarts.
  if (process.env.FOUNDATION_BENCH === 'sign-in') return [await signInThroughput()];
  return [...(await readyTime()), await signInThroughput()];
}
