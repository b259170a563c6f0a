/**
 * Bundles the compiled server (dist/server, from `tsc -b`) into dist/server/bundle/, which `npm start`
 * and the `meshvault` command run. Loading some 650 modules one by one (a resolve, a read and a compile
 * each) took about a tenth of a start (issue #12); one entry and its shared chunks load in a few reads.
 *
 * - Our own code only: packages stay imports of node_modules (several find their own files beside them:
 *   PGlite its WebAssembly, swagger-ui its assets, argon2 its binary), so they load as they always do.
 * - Split at every `await import(…)`: a command still loads only what it runs (`meshvault model analyze`
 *   loads no Fastify), each lazy part becoming a chunk of its own.
 * - `import.meta.url` still names the file's own place in dist/server: the few that find a file beside
 *   them (migrations, the mesh kernel's WebAssembly, the analysis child) keep finding it, and the
 *   compiled files stay where they are for what runs them directly (the analysis child, migrations).
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = join(import.meta.dirname, '..');
const compiled = join(root, 'dist', 'server');
const outdir = join(compiled, 'bundle');

/**
 * Each compiled file's `import.meta.url`, rewritten to its own file's URL as seen from the bundle. The
 * rewrite is textual: a string literal spelling `import.meta.url` would be rewritten too (none does).
 */
const ownFileUrls: Plugin = {
  name: 'own-file-urls',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(compiled)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(outdir, args.path).split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// A chunk's name is its content's hash: the last build's chunks would stay beside the new ones.
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: join(compiled, 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunk-[hash]',
  plugins: [ownFileUrls],
  logLevel: 'warning',
});
