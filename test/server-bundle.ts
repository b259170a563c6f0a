import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, runNode } from './build-if-stale.js';

const root = join(import.meta.dirname, '..');

/** What `npm start` and the `meshvault` command run: the bundle of the compiled server (scripts/bundle-server.ts). */
export const SERVER_BUNDLE = join(root, 'dist', 'server', 'bundle', 'main.js');

/**
 * The flags `npm start` runs Node with, from its script in package.json: what a measurement of the
 * server passes too. `--v8-pool-size=2`: V8 compiles and collects garbage on background threads, four
 * by default whatever the machine has; on two cores, four of them beside the main thread made a start
 * slower and less even (3.2–4.1 s and 4.5–5.8 CPU-s, against 3.1–3.2 s and 4.4–4.6 CPU-s with two; one
 * did no better than two), and two keep garbage collection concurrent on larger machines (issue #12).
 */
export const SERVER_NODE_FLAGS: readonly string[] = (() => {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const match = /^node((?: --?[\w-]+(?:=\S+)?)*) dist\/server\/bundle\/main\.js serve$/.exec(scripts.start ?? '');
  if (!match) throw new Error(`npm start runs "${scripts.start}", not "node [flags] dist/server/bundle/main.js serve"`);
  return match[1]!.split(' ').filter(Boolean);
})();

/**
 * Compiles src/ into dist/server (and the rules package it shares with the web app), then bundles it,
 * when the bundle is missing or older than any source file.
 */
export function ensureServerBuilt(): Promise<'fresh' | 'built'> {
  return buildIfStale({
    name: 'server',
    output: SERVER_BUNDLE,
    sources: [join(root, 'src'), join(root, 'packages', 'configurator-rules', 'src'), join(root, 'scripts', 'bundle-server.ts')],
    cwd: root,
    build: async () => {
      await runNode(root, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json']);
      await runNode(root, ['--import', 'tsx', join(root, 'scripts', 'bundle-server.ts')]);
    },
  });
}
