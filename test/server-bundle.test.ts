/**
 * The bundle that `npm start` and the `meshvault` command run (scripts/bundle-server.ts) behaves as the
 * source does: a command loads only what it runs, a model analyses the same, and every compiled file's
 * own URL, which the bundle keeps for it, names a file that exists. The crash tests start the bundled
 * server itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packagesImportedBy, SERVER_PACKAGES, type CliEntry } from '../src/test-support/packages-imported.js';
import { ensureServerBuilt, SERVER_BUNDLE, SERVER_NODE_FLAGS } from './server-bundle.js';

const root = join(import.meta.dirname, '..');
const bundled: CliEntry = { nodeOptions: [], script: SERVER_BUNDLE };
const fromSource: CliEntry = { nodeOptions: ['--import', 'tsx'], script: join(root, 'src', 'cli', 'main.ts') };
const models = join(root, 'test', 'fixtures', 'models');

beforeAll(async () => {
  await ensureServerBuilt();
}, 600_000);

describe('the server bundle', () => {
  it('analyses a model as the source does, loading no package at all', () => {
    for (const file of ['cube-20mm.stl', 'two-spheres.stl', 'cube-20mm-ascii.stl', 'cube-20mm.obj', 'cube-20mm-binary.ply']) {
      const run = packagesImportedBy(bundled, ['model', 'analyze', join(models, file)]);
      expect(run.status, run.stdout).toBe(0);
      expect(run.stdout).toBe(packagesImportedBy(fromSource, ['model', 'analyze', join(models, file)]).stdout);
      expect(run.packages).toEqual([]);
    }
  });

  it('prints its help loading commander only', () => {
    const run = packagesImportedBy(bundled, ['--help']);
    expect(run.stdout).toContain('model');
    // commander is bundled: it counts as loaded because the chunk holding it was.
    expect(run.packages.filter((p) => p !== 'node:crypto')).toEqual(['commander']);
    expect(run.packages.filter((p) => SERVER_PACKAGES.includes(p))).toEqual([]);
  });

  it('keeps for each compiled file the URL of that file, which exists', () => {
    const dir = dirname(SERVER_BUNDLE);
    const urls = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .flatMap((name) => [...readFileSync(join(dir, name), 'utf8').matchAll(/new URL\("([^"]+)", import\.meta\.url\)\.href/g)].map((m) => m[1]!));
    // app-paths (the project's folders), the mesh kernel (its WebAssembly) and the analysis child's parent.
    expect(urls.length).toBeGreaterThanOrEqual(3);
    for (const url of urls) expect(existsSync(fileURLToPath(new URL(url, pathToFileURL(`${dir}/`)))), url).toBe(true);
  });

  it('is what `npm start` runs, with the flags the benches start it with; `meshvault` runs it with plain node', () => {
    expect(SERVER_NODE_FLAGS).toEqual(['--v8-pool-size=2']);
    // A plain #! line: env -S, which could pass the flags there too, is missing from busybox (Alpine).
    expect(readFileSync(SERVER_BUNDLE, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    const help = spawnSync(SERVER_BUNDLE, ['--help'], { encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('model');
  });
});
