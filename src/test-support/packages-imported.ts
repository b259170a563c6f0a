import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../app-paths.js';

export type ImportsRun = { packages: string[]; stdout: string; status: number | null };

/** The packages a server process must never load for a CLI command that needs no installation. */
export const SERVER_PACKAGES = ['fastify', 'pg-boss', '@electric-sql/pglite', 'pg', 'nodemailer', 'pino', 'kysely', '@tus/server'];

/** How to run the CLI: the script, and node's options before it (the source needs `--import tsx`). */
export type CliEntry = { nodeOptions: string[]; script: string };

/**
 * Runs the real CLI in a child process and lists every package it imported, and node:crypto if it
 * did: an ESM resolve hook, registered after the entry's own (so it sees what they resolve to), writes
 * them down. A package bundled into the server bundle counts as imported when a chunk holding it is
 * (the bundle's packages.json says which chunk holds which).
 */
export function packagesImportedBy(entry: CliEntry, args: string[]): ImportsRun {
  const dir = mkdtempSync(join(tmpdir(), 'meshvault-cli-imports-'));
  try {
    const log = join(dir, 'imports.log');
    const hooks = `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url) ?? /^(node:crypto)$/.exec(result.url) ?? /^(file:.*\\/bundle\\/[^/]+\\.js)$/.exec(result.url);
      if (m) appendFileSync(${JSON.stringify(log)}, m[1] + '\\n');
      return result;
    }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const child = spawnSync(process.execPath, [...entry.nodeOptions, '--import', `data:text/javascript,${encodeURIComponent(register)}`, entry.script, ...args], {
      cwd: projectRoot(),
      encoding: 'utf8',
      env: { ...process.env, MESHVAULT_DATA_DIR: join(dir, 'data') },
    });
    let lines: string[] = [];
    try {
      lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    } catch {
      // nothing imported from node_modules
    }
    const chunks = new ChunkPackages();
    const packages = lines.flatMap((line) => (line.startsWith('file:') ? chunks.of(line) : [line]));
    return { packages: [...new Set(packages)].sort(), stdout: child.stdout + child.stderr, status: child.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The packages scripts/bundle-server.ts bundled into each chunk, from its packages.json, read once per bundle. */
class ChunkPackages {
  private readonly byDir = new Map<string, Record<string, string[]>>();

  /** A chunk's packages (none for the entry, which holds only ours). */
  of(url: string): string[] {
    const path = fileURLToPath(url);
    const dir = dirname(path);
    let byChunk = this.byDir.get(dir);
    if (!byChunk) {
      byChunk = JSON.parse(readFileSync(join(dir, 'packages.json'), 'utf8')) as Record<string, string[]>;
      this.byDir.set(dir, byChunk);
    }
    return byChunk[basename(path)] ?? [];
  }
}
