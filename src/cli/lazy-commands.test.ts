import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../app-paths.js';
import { packagesImportedBy, SERVER_PACKAGES, type CliEntry } from '../test-support/packages-imported.js';

const root = projectRoot();
const fromSource: CliEntry = { nodeOptions: ['--import', 'tsx'], script: join(root, 'src', 'cli', 'main.ts') };
const cube = join(root, 'test', 'fixtures', 'models', 'cube-20mm.stl');

// test/server-bundle.test.ts holds the bundle that `npm start` runs to the same.
describe('the CLI loads a command only when it runs', () => {
  it('analyses a model without loading the server, the job queue or a database driver', () => {
    const run = packagesImportedBy(fromSource, ['model', 'analyze', cube]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Triangles');
    expect(run.packages.filter((p) => SERVER_PACKAGES.includes(p))).toEqual([]);
    // Nor the other commands' files: some of them import node:crypto for their constants. Written as
    // usual, the command's arguments are read without commander (see model-analyze-output.ts).
    expect(run.packages).not.toContain('node:crypto');
    expect(run.packages).not.toContain('commander');
  });

  it('hands any other model command line to commander, which explains it', () => {
    const run = packagesImportedBy(fromSource, ['model', 'analyze', cube, '--units', 'furlong']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/Allowed choices are mm, cm, m, in/);
    expect(run.packages).toContain('commander');
  });

  it('prints its help without loading them either', () => {
    const run = packagesImportedBy(fromSource, ['--help']);
    expect(run.stdout).toContain('model');
    expect(run.packages.filter((p) => SERVER_PACKAGES.includes(p))).toEqual([]);
  });
});
