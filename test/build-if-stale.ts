import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const isFresh = (output: string, sources: string[]) => existsSync(output) && sources.every((s) => statSync(output).mtimeMs >= newestMtime(s));

/** Runs a Node script with its arguments in `cwd`, with this process's environment and `env` over it. */
export async function runNode(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await run(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } });
}

/**
 * Runs `build` when `output` is missing or older than any file under `sources`. Test files run in parallel workers: a lock directory in dist/ makes
 * one of them build while the others wait, then find it fresh.
 */
export async function buildIfStale(opts: { name: string; output: string; sources: string[]; cwd: string; build: () => Promise<void> }): Promise<'fresh' | 'built'> {
  if (isFresh(opts.output, opts.sources)) return 'fresh';
  // Outside the output folder, which a build may empty.
  const lock = join(opts.cwd, 'dist', `.build-lock-${opts.name}`);
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than ten minutes was left by a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (waited > 600_000 || Date.now() - since > 600_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (isFresh(opts.output, opts.sources)) return 'fresh';
    await opts.build();
    if (!existsSync(opts.output)) throw new Error(`the build finished but ${opts.output} is missing`);
    return 'built';
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
