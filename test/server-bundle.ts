import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIfStale, runNode } from './build-if-stale.js';

const root = join(import.meta.dirname, '..');

/** What `npm start` and the `meshvault` command run: the bundle of the compiled server (scripts/bundle-server.ts). */
export const SERVER_BUNDLE = join(root, 'dist', 'server', 'bundle', 'main.js');

/**
 * The flags Node runs the `meshvault` command with, from the `#!/usr/bin/env -S node …` line of its
 * source (the bundle keeps it): what a measurement of that command, or of `npm start`, passes too.
 */
export const SERVER_NODE_FLAGS: readonly string[] = (() => {
  const shebang = readFileSync(join(root, 'src', 'cli', 'main.ts'), 'utf8').split('\n', 1)[0]!;
  const match = /^#!\/usr\/bin\/env (?:-S )?node((?: --?[\w-]+(?:=\S+)?)*)$/.exec(shebang);
  if (!match) throw new Error(`src/cli/main.ts starts with "${shebang}", not "#!/usr/bin/env -S node [flags]"`);
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
