import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { registerManifestCommand } from './manifest.js';

const example = fileURLToPath(new URL('../../../examples/manifests/004-model-preparation.yaml', import.meta.url));

async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = '';
  let err = '';
  const program = new Command().exitOverride();
  registerManifestCommand(program, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), today: () => '2025-06-01' });
  process.exitCode = undefined;
  await program.parseAsync(['node', 'meshvault', 'manifest', ...args]);
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out, err, exitCode };
}

describe('meshvault manifest', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('check prints "valid" for a valid manifest', async () => {
    expect(await run('check', example)).toEqual({ out: 'valid\n', err: '', exitCode: 0 });
  });

  it('check lists every problem as FILE:LINE:COL path: message and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-cli-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'manifest_version: 1\nminimum_age: 40\ncolour: blue\n');
    const result = await run('check', file);
    expect(result.exitCode).toBe(1);
    expect(result.out).toBe('');
    const lines = result.err.trim().split('\n');
    expect(lines).toContain(`${file}:2:14 minimum_age: minimum_age must be between 0 and 21`);
    expect(lines).toContain(`${file}:3:1 colour: unknown key "colour": check its spelling and docs/manifest-reference.md`);
    expect(lines.every((line, i) => i === lines.length - 1 || line.startsWith(`${file}:`))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^\d+ problems in /);
  });

  it('check reports a missing file without a stack trace', async () => {
    const result = await run('check', '/nonexistent/manifest.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.err).toBe('/nonexistent/manifest.yaml: cannot read the manifest: no such file\n');
  });

  it('render prints the policy in the chosen format', async () => {
    const md = await run('render', example, '--format', 'md');
    expect(md.out).toMatch(/^# Privacy policy of Stelloloxon Pro\n\nLast updated: 1 June 2025 · Version draft/);
    const html = await run('render', example, '--format', 'html', '--last-updated', '2025-01-15', '--policy-version', '4');
    expect(html.out).toContain('Last updated: 15 January 2025 · Version 4');
    const json = await run('render', example, '--format', 'json');
    expect((JSON.parse(json.out) as { manifest: { minimum_age: number } }).manifest.minimum_age).toBe(18);
  });

  it('render refuses an unknown format and a malformed date', async () => {
    await expect(run('render', example, '--format', 'pdf')).rejects.toThrow(/Allowed choices are html, md, json/);
    const result = await run('render', example, '--last-updated', 'yesterday');
    expect(result.exitCode).toBe(2);
    expect(result.err).toMatch(/--last-updated must be a date/);
  });
});
