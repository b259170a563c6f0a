import { join } from 'node:path';
import { buildIfStale } from '../build-if-stale.js';

/** Builds web/ into dist/web when the build is missing or older than any source file. */
export function ensureWebBuilt(root: string): Promise<'fresh' | 'built'> {
  return buildIfStale({
    name: 'web',
    output: join(root, 'dist', 'web', 'index.html'),
    sources: [join(root, 'web')],
    cwd: root,
    command: [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  });
}
