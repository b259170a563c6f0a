/**
 * Bundles the compiled server (dist/server, from `tsc -b`) into dist/server/bundle/, which `npm start`
 * and the `meshvault` command run. Loading modules one by one (a resolve, a read and a compile each) took
 * a large part of a start (issue #12): some 650 of our own, then some 750 of the packages' (Kysely alone
 * 262, zod 95, yaml 72). One entry and its shared chunks load in a few reads.
 *
 * - Packages are bundled too, but for those in UNBUNDLED, which find their own files beside them or are
 *   too large to be worth it; they load from node_modules as they always do. A bundled package that
 *   looks for a file beside itself would look beside the bundle instead: the build fails on one
 *   (`filesBesideThemselves`), so a new dependency of that kind is added to the list, not shipped broken.
 * - Split at every `await import(…)`: a command still loads only what it runs (`meshvault model analyze`
 *   loads no Fastify), each lazy part becoming a chunk of its own. `packages.json` beside the chunks
 *   says which packages each holds, so a test can tell what a command loaded (test-support/packages-imported.ts).
 * - `import.meta.url` still names the file's own place in dist/server: the few that find a file beside
 *   them (migrations, the mesh kernel's WebAssembly, the analysis child) keep finding it, and the
 *   compiled files stay where they are for what runs them directly (the analysis child, migrations).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = join(import.meta.dirname, '..');
const compiled = join(root, 'dist', 'server');
const outdir = join(compiled, 'bundle');

/** Packages left as imports of node_modules, each for its reason. */
const UNBUNDLED = [
  '@electric-sql/pglite', // its WebAssembly and data files
  '@node-rs/argon2', // a native binary per platform
  'pino', // starts transports from worker files of its own (thread-stream)
  'pdfkit', // its fonts' metrics and its colour profile
  '@aws-sdk/*', // some 300 modules, loaded only when the files live in S3
  'pg-native', // pg's optional native driver, not installed
  // Fastify's default compilers, never loaded: zod compiles every schema (platform/http/server.ts).
  // Bundled, their 1.1 MB (three copies of ajv) were compiled at every start for nothing.
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  'ajv',
  'ajv-formats',
];

/**
 * Packages bundled though they find files of their own by `__dirname`, which the build rewrites to
 * their folder in node_modules (`ownFolders`); loaded from there, they were some 120 modules of a start
 * (their own yaml, @fastify/static, glob) read one by one.
 */
const OWN_FOLDER_REWRITTEN = new Set([
  '@fastify/swagger-ui', // serves its static/ folder
  '@fastify/swagger', // reads its package.json (for defaults we always give)
]);

/** `__dirname`, `__filename`, `require.resolve` or a package's own `import.meta.url`, outside comment lines. */
const OWN_FILE_LOOKUP = /\b(__dirname|__filename|require\.resolve)\b|import\.meta\.url/;
/** The same, for a package whose `__dirname` is rewritten. */
const OTHER_FILE_LOOKUP = /\brequire\.resolve\b|__filename|import\.meta\.url/;

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

/**
 * In the files of the OWN_FOLDER_REWRITTEN packages, `__dirname` becomes their own folder in
 * node_modules, reached from the chunk's URL (every chunk is in outdir), so the bundle still runs from
 * wherever the project is. Textual, like ownFileUrls.
 */
const ownFolders: Plugin = {
  name: 'own-folders',
  setup(b) {
    b.onLoad({ filter: /\/node_modules\/.*\.js$/ }, async (args) => {
      const pkg = packageOf(args.path);
      if (pkg === null || !OWN_FOLDER_REWRITTEN.has(pkg)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const folder = relative(outdir, dirname(args.path)).split('\\').join('/');
      return { contents: source.replace(/\b__dirname\b/g, `__meshvaultFolder(${JSON.stringify(folder)})`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// A chunk's name is its content's hash: the last build's chunks would stay beside the new ones.
await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: join(compiled, 'cli', 'main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: UNBUNDLED,
  // A bundled CommonJS package's require() of a Node built-in needs a real require in an ES module;
  // __meshvaultFolder is ownFolders'.
  banner: {
    js: [
      "import { createRequire as __meshvaultRequire } from 'node:module'; const require = __meshvaultRequire(import.meta.url);",
      "import { fileURLToPath as __meshvaultPath } from 'node:url'; const __meshvaultFolder = (folder) => __meshvaultPath(new URL(folder, import.meta.url));",
    ].join('\n'),
  },
  metafile: true,
  sourcemap: true,
  chunkNames: 'chunk-[hash]',
  plugins: [ownFileUrls, ownFolders],
  logLevel: 'warning',
});

const lookups = await filesBesideThemselves(result.metafile);
if (lookups.length > 0) {
  throw new Error(`bundled packages look for files beside themselves; add them to UNBUNDLED in scripts/bundle-server.ts:\n${lookups.join('\n')}`);
}
await writeFile(join(outdir, 'packages.json'), `${JSON.stringify(packagesByChunk(result.metafile), null, 1)}\n`);

/** The package a bundled input belongs to, or null for our own code. */
function packageOf(input: string): string | null {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? null;
}

/** Each bundled package file that finds a file beside itself, by the line that does. */
async function filesBesideThemselves(meta: Metafile): Promise<string[]> {
  const found: string[] = [];
  for (const input of Object.keys(meta.inputs).filter((path) => packageOf(path))) {
    const lookup = OWN_FOLDER_REWRITTEN.has(packageOf(input)!) ? OTHER_FILE_LOOKUP : OWN_FILE_LOOKUP;
    const lines = (await readFile(join(root, input), 'utf8')).split('\n');
    const line = lines.find((l) => lookup.test(l) && !/^\s*(\*|\/\/|\/\*)/.test(l));
    if (line) found.push(`${input}: ${line.trim().slice(0, 120)}`);
  }
  return found;
}

/** For each chunk of the bundle, the packages bundled into it. */
function packagesByChunk(meta: Metafile): Record<string, string[]> {
  const byChunk: Record<string, string[]> = {};
  for (const [output, { inputs }] of Object.entries(meta.outputs)) {
    if (!output.endsWith('.js')) continue;
    const packages = [...new Set(Object.keys(inputs).map(packageOf).filter((p): p is string => p !== null))].sort();
    byChunk[relative(outdir, join(root, output))] = packages;
  }
  return byChunk;
}
