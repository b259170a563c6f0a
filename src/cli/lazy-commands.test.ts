import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../app-paths.js';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'meshvault-cli-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real CLI in a child process and lists every package it imported, and node:crypto if it did (an ESM resolve hook writes them down). */
function packagesImportedBy(args: string[]): { packages: string[]; stdout: string; status: number | null } {
  const log = join(dir, `imports-${args.join('-').replace(/[^a-z0-9-]/gi, '')}.log`);
  const hooks = `import { appendFileSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url) ?? /^(node:crypto)$/.exec(result.url);
      if (m) appendFileSync(${JSON.stringify(log)}, m[1] + '\\n');
      return result;
    }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(register)}`, join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MESHVAULT_DATA_DIR: join(dir, 'data') },
  });
  let lines: string[] = [];
  try {
    lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    // nothing imported from node_modules
  }
  return { packages: [...new Set(lines)].sort(), stdout: child.stdout + child.stderr, status: child.status };
}

const SERVER_PACKAGES = ['fastify', 'pg-boss', '@electric-sql/pglite', 'pg', 'nodemailer', 'pino', 'kysely', '@tus/server'];

describe('the CLI loads a command only when it runs', () => {
  it('analyses a model without loading the server, the job queue or a database driver', () => {
    const run = packagesImportedBy(['model', 'analyze', join(root, 'test', 'fixtures', 'models', 'cube-20mm.stl')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Triangles');
    expect(run.packages.filter((p) => SERVER_PACKAGES.includes(p))).toEqual([]);
    // Nor the other commands' files: some of them import node:crypto for their constants. Written as
    // usual, the command's arguments are read without commander (see model-analyze-output.ts).
    expect(run.packages).not.toContain('node:crypto');
    expect(run.packages).not.toContain('commander');
  });

  it('hands any other model command line to commander, which explains it', () => {
    const run = packagesImportedBy(['model', 'analyze', join(root, 'test', 'fixtures', 'models', 'cube-20mm.stl'), '--units', 'furlong']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/Allowed choices are mm, cm, m, in/);
    expect(run.packages).toContain('commander');
  });

  it('prints its help without loading them either', () => {
    const run = packagesImportedBy(['--help']);
    expect(run.stdout).toContain('model');
    expect(run.packages.filter((p) => SERVER_PACKAGES.includes(p))).toEqual([]);
  });
});
