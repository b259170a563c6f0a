import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, runNode } from '../build-if-stale.js';

/**
 * Builds web/ into dist/web when the build is missing or older than any source file. The build goes
 * to a folder beside it that then takes its place, so a test serving the old build meanwhile keeps it.
 */
export function ensureWebBuilt(root: string): Promise<'fresh' | 'built'> {
  const target = join(root, 'dist', 'web');
  return buildIfStale({
    name: 'web',
    output: join(target, 'index.html'),
    sources: [join(root, 'web')],
    cwd: root,
    build: async () => {
      const fresh = join(root, 'dist', `.web-build-${process.pid}`);
      rmSync(fresh, { recursive: true, force: true });
      // Vitest sets NODE_ENV=test, which Vite would carry into the build: React's development build
      // (StrictMode running every effect twice, its checks) instead of the one that ships.
      await runNode(root, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', fresh, '--emptyOutDir'], { NODE_ENV: 'production' });
      rmSync(target, { recursive: true, force: true });
      renameSync(fresh, target);
    },
  });
}
