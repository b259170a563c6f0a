import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ZModelAnalysis } from '../../modules/models/index.js';
import { makeBox, toBinaryStl } from '../../modules/models/test-meshes.js';
import { registerModelCommand } from './model-analyze.js';
import { groupedNumber, plainModelAnalyzeArgs } from './model-analyze-output.js';

describe('meshvault model analyze', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshvault-cli-model-'));
    await writeFile(join(dir, 'cube.stl'), toBinaryStl(makeBox([-1, -1, -1], [2, 2, 2])));
    await writeFile(join(dir, 'junk.stl'), 'hello');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<{ stdout: string; stderr: string }> {
    const out = { stdout: '', stderr: '' };
    const program = new Command('meshvault').exitOverride();
    registerModelCommand(program, { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    await program.parseAsync(['model', 'analyze', ...args], { from: 'user' });
    return out;
  }

  it('prints a table', async () => {
    const { stdout } = await run(join(dir, 'cube.stl'), '--units', 'cm');
    expect(stdout).toMatch(/^Format +STL \(binary\), unit cm \(assumed\)$/m);
    expect(stdout).toMatch(/^Size +20\.000 × 20\.000 × 20\.000 mm$/m);
    expect(stdout).toMatch(/^Volume +8,000\.000 mm³ \(8\.000 cm³\)$/m);
    expect(stdout).toMatch(/^Watertight +yes$/m);
  });

  it('writes numbers as en-US Intl does, without loading its data', () => {
    const values = [0, -0, 0.0005, -0.0005, 1.0005, 2.0004999, 0.5, 1.5, 999.9995, 999_999.9996, -1234.5, 12_345_678.9, 2 ** 53, 1e20 + 12_345, 123_456_789_012_345.67, 1e22, -1e300, 1e-7, 0.1 + 0.2, 65_448.773_412];
    for (const decimals of [0, 3]) {
      const intl = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      for (const value of values) expect(groupedNumber(value, decimals), `${value}`).toBe(intl.format(value));
    }
  });

  it('prints JSON that matches the schema', async () => {
    const { stdout } = await run(join(dir, 'cube.stl'), '--json');
    const analysis = ZModelAnalysis.parse(JSON.parse(stdout));
    expect(analysis.volumeMm3).toBe(8);
  });

  it('reads the usual arguments itself and leaves every other form to commander', () => {
    expect(plainModelAnalyzeArgs(['a.stl'])).toEqual({ file: 'a.stl', options: { units: 'mm' } });
    expect(plainModelAnalyzeArgs(['--json', 'a.stl', '--units', 'cm'])).toEqual({ file: 'a.stl', options: { json: true, units: 'cm' } });
    expect(plainModelAnalyzeArgs(['a.stl', '--units=in'])).toEqual({ file: 'a.stl', options: { units: 'in' } });
    for (const args of [[], ['a.stl', 'b.stl'], ['a.stl', '--units', 'ft'], ['a.stl', '--units'], ['a.stl', '--json', '--json'], ['a.stl', '-h'], ['--', 'a.stl'], ['-x.stl'], ['a.stl', '--units', 'cm', '--units=m']]) {
      expect(plainModelAnalyzeArgs(args), args.join(' ')).toBeUndefined();
    }
  });

  it('reports a refused file on stderr with a non-zero exit code', async () => {
    const { stdout, stderr } = await run(join(dir, 'junk.stl'));
    expect(stdout).toBe('');
    expect(stderr).toMatch(/junk\.stl: /);
    expect(process.exitCode).toBe(1);
  });
});
