import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds web/ into dist/web when the build is missing or older than any source file. */
export async function ensureWebBuilt(root: string): Promise<'fresh' | 'built'> {
  const built = join(root, 'dist', 'web', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(root, 'web'))) return 'fresh';
  await run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!existsSync(built)) throw new Error(`vite build finished but ${built} is missing`);
  return 'built';
}
