import { join } from 'node:path';
import { buildIfStale, runNode } from './build-if-stale.js';

/**
 * vitest's global setup: the mesh kernel (packages/mesh-kernel, AssemblyScript) compiled to
 * dist/wasm/mesh-kernel.wasm when missing or older than its source, as `npm run build:wasm` does, so a
 * change to the kernel is tested without a manual build.
 */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '..');
  const kernel = join(root, 'packages', 'mesh-kernel');
  await buildIfStale({
    name: 'mesh-kernel',
    output: join(root, 'dist', 'wasm', 'mesh-kernel.wasm'),
    sources: [join(kernel, 'assembly'), join(kernel, 'asconfig.json')],
    cwd: root,
    // `npm run build:wasm`'s command: the entry and the output are the config's.
    build: () => runNode(root, [join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), '--config', join(kernel, 'asconfig.json'), '--target', 'release']),
  });
}
