import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestVariant } from '../../modules/privacy/test-manifests.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';
import { createBufferIo, type CliContext } from '../cli-context.js';
import { buildProgram } from '../program.js';
import { registerManifestCommand } from './manifest.js';

const example = fileURLToPath(new URL('../../../examples/manifests/004-model-preparation.yaml', import.meta.url));
const noInstallation = 'no installation in /srv/none';

/** Runs `meshvault manifest …` with no installation within reach. */
async function runOffline(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  const io = createBufferIo();
  const ctx: CliContext = {
    io,
    config: () => {
      throw new Error('offline: no configuration');
    },
    withApp: () => Promise.reject(new Error('offline: no installation')),
    whyNoInstallation: () => noInstallation,
    insideServer: false,
  };
  const program = new Command().exitOverride().configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
  registerManifestCommand(program, ctx, () => '2025-06-01');
  await program.parseAsync(['node', 'meshvault', 'manifest', ...args]);
  return { out: io.stdout.join(''), err: io.stderr.join(''), exitCode: io.exitCode };
}

async function tempFile(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'manifest-cli-')), name);
  await writeFile(file, text);
  return file;
}

describe('meshvault manifest, with no installation within reach', () => {
  it('check says the file is valid offline and names the checks it could not run', async () => {
    const result = await runOffline('check', example);
    expect(result.err).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.out).toBe(
      'valid offline\n' +
        `Not checked, since no installation was reached (${noInstallation}):\n` +
        '  - the manifest declares every category this installation stores (the personal data of the features it runs)\n' +
        '`meshvault privacy publish` runs every check before it publishes.\n',
    );
  });

  it('check lists every problem as FILE:LINE:COL path: message and exits 1', async () => {
    const file = await tempFile('bad.yaml', 'manifest_version: 1\nminimum_age: 40\ncolour: blue\n');
    const result = await runOffline('check', file);
    expect(result.exitCode).toBe(1);
    expect(result.out).toBe('');
    const lines = result.err.trim().split('\n');
    expect(lines).toContain(`${file}:2:14 minimum_age: minimum_age must be between 0 and 21`);
    expect(lines).toContain(`${file}:3:1 colour: unknown key "colour": check its spelling and docs/manifest-reference.md`);
    expect(lines.every((line, i) => i === lines.length - 1 || line.startsWith(`${file}:`))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^\d+ problems in /);
  });

  it('check prints warnings, which do not make the manifest invalid', async () => {
    const text = readFileSync(fileURLToPath(new URL('../../../examples/manifests/000-configurator.yaml', import.meta.url)), 'utf8');
    const file = await tempFile('warned.yaml', text.replace('        extension_reason: when reasonably necessary\n', ''));
    const result = await runOffline('check', file);
    expect(result.exitCode).toBe(0);
    expect(result.err).toMatch(new RegExp(`^${file}:\\d+:20 warning: rights\\.jurisdictions\\[1\\]\\.deadline\\.extension: jurisdiction "us" may extend its deadline but gives no extension_reason`));
    expect(result.out.split('\n')[0]).toBe('valid offline, with 1 warning');
  });

  it('check reports a missing file without a stack trace', async () => {
    const result = await runOffline('check', '/nonexistent/manifest.yaml');
    expect(result.exitCode).toBe(2);
    expect(result.err).toBe('/nonexistent/manifest.yaml: cannot read the manifest: no such file\n');
  });

  it('render prints the policy in the chosen format', async () => {
    const md = await runOffline('render', example, '--format', 'md');
    expect(md.out).toMatch(/^# Privacy policy of Stelloloxon Pro\n\nLast updated: 1 June 2025 · Version draft/);
    const html = await runOffline('render', example, '--format', 'html', '--last-updated', '2025-01-15', '--policy-version', '4');
    expect(html.out).toContain('Last updated: 15 January 2025 · Version 4');
    const json = await runOffline('render', example, '--format', 'json');
    expect((JSON.parse(json.out) as { manifest: { minimum_age: number } }).manifest.minimum_age).toBe(18);
  });

  it('render refuses an unknown format and a malformed date', async () => {
    await expect(runOffline('render', example, '--format', 'pdf')).rejects.toThrow(/Allowed choices are html, md, json/);
    const result = await runOffline('render', example, '--last-updated', 'yesterday');
    expect(result.exitCode).toBe(2);
    expect(result.err).toMatch(/--last-updated must be a date/);
  });
});

describe('meshvault manifest check and privacy publish: one validation against the installation', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    await app.services.policy.current();
  });
  afterAll(async () => app?.dispose());

  const run = (...argv: string[]) => runOnTestApp(app, ...argv);

  /** Valid on its own, but this installation stores contact.email, which every installation keeps. */
  const withoutEmail = () =>
    manifestVariant((doc) => {
      const drop = (list: string[]) => list.filter((c) => c !== 'contact.email');
      doc.categories = doc.categories.filter((c) => c.id !== 'contact.email');
      for (const item of [...doc.purposes, ...doc.retention, ...doc.cookies]) if (item.categories) item.categories = drop(item.categories);
      for (const recipient of doc.recipients) recipient['categories'] = drop(recipient['categories']);
      doc.recipients = doc.recipients.filter((r) => (r['categories']).length > 0);
    });

  it('check finds the installation\'s problems that publish refuses for, in the same words', async () => {
    const file = join(app.config.dataDir, 'no-email.yaml');
    await writeFile(file, withoutEmail());
    expect((await run('manifest', 'check', file, '--offline')).code).toBe(0);
    const checked = await run('manifest', 'check', file);
    expect(checked.code).toBe(1);
    expect(checked.out).toBe('');
    expect(checked.err).toMatch(/"contact\.email"/);
    const published = await run('privacy', 'publish', file);
    expect(published.code).toBe(1);
    const problemLines = (err: string) => err.trim().split('\n').slice(0, -1);
    expect(problemLines(published.err)).toEqual(problemLines(checked.err));
    expect(published.err.trim().split('\n').at(-1)).toMatch(/problems? in .*no-email\.yaml; nothing was published\.$/);
    expect((await app.services.privacy.listVersions()).length).toBe(1);
  });

  it('check says a manifest is valid for this installation, and publish then publishes it with its warnings', async () => {
    const file = join(app.config.dataDir, 'warned.yaml');
    await writeFile(file, manifestVariant((doc) => {
      const rights = doc['rights'] as { jurisdictions: { deadline: Record<string, unknown> }[] };
      delete rights.jurisdictions[0]!.deadline['extension_reason'];
    }));
    const checked = await run('manifest', 'check', file);
    expect(checked).toMatchObject({ code: 0, out: 'valid for this installation, with 1 warning\n' });
    expect(checked.err).toMatch(/^\S+warned\.yaml:\d+:\d+ warning: rights\.jurisdictions\[0\]\.deadline\.extension: jurisdiction "eu" may extend/);
    const published = await run('privacy', 'publish', file);
    expect(published.err).toBe(checked.err);
    expect(published.out).toMatch(/^Published version 2 /);
  });

  it('check runs offline, saying why, when the installation cannot be opened', async () => {
    const io = createBufferIo();
    const program = buildProgram({ io, config: () => app.config, withApp: () => Promise.reject(new Error('the instance lock is held by pid 42\nmore')), insideServer: false });
    program.exitOverride();
    await program.parseAsync(['manifest', 'check', example], { from: 'user' });
    expect(io.stdout.join('')).toMatch(/^valid offline\nNot checked, since no installation was reached \(the installation could not be opened: the instance lock is held by pid 42\):\n/);
  });
});
