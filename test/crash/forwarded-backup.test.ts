/**
 * While a server owns the embedded database, `meshvault backup …` runs inside it, sent over the control
 * socket. The passphrase the operator sets for the command in its own environment goes with it: the
 * server's environment has none (as on an installation whose operator keeps it out of the service's).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt, SERVER_BUNDLE } from '../server-bundle.js';
import { exitOf, seedDataDir, startServerProcess, waitReady } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-forwarded-'));
const archives = mkdtempSync(join(tmpdir(), 'meshvault-forwarded-archives-'));
const port = 21000 + Math.floor(Math.random() * 1000);
const passphrase = 'the operator keeps this one';
let server: ReturnType<typeof startServerProcess>;

beforeAll(async () => {
  await Promise.all([ensureServerBuilt(), seedDataDir(dataDir)]);
  delete process.env.MESHVAULT_BACKUP_PASSPHRASE;
  server = startServerProcess(dataDir, port);
  await waitReady(server);
}, 600_000);
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = exitOf(server);
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(archives, { recursive: true, force: true });
});

/** The `meshvault` command, as an operator runs it beside the server, with `env` added to a bare environment. */
async function meshvault(args: string[], env: Record<string, string> = {}) {
  const result = await promisify(execFile)(process.execPath, [SERVER_BUNDLE, ...args], {
    env: { PATH: process.env.PATH, MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'warn', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return result;
}

describe('meshvault backup, handed to the running server', () => {
  it('encrypts with the passphrase set in the command’s environment, and only that one opens it', async () => {
    const archive = join(archives, 'nightly.mvb');
    const created = await meshvault(['backup', 'create', archive], { MESHVAULT_BACKUP_PASSPHRASE: passphrase });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Backup written to ${archive}`);

    // prune --dry-run opens every archive in the folder with the passphrase it is given.
    const opened = await meshvault(['backup', 'prune', archives, '--keep', 'P1Y', '--dry-run'], { MESHVAULT_BACKUP_PASSPHRASE: passphrase });
    expect(opened.stdout).toContain('1 backup kept, 0 to delete.');
    const wrong = await meshvault(['backup', 'prune', archives, '--keep', 'P1Y', '--dry-run'], { MESHVAULT_BACKUP_PASSPHRASE: 'another long passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('could not be read with this passphrase');

    // A passphrase file, as before, and the two ways agree.
    const file = join(dataDir, '..', `pp-${port}`);
    writeFileSync(file, `${passphrase}\n`, { mode: 0o600 });
    try {
      const fromFile = await meshvault(['backup', 'prune', archives, '--keep', 'P1Y', '--dry-run', '--passphrase-file', file]);
      expect(fromFile.stdout).toContain('1 backup kept, 0 to delete.');
    } finally {
      rmSync(file);
    }
  }, 120_000);

  it('without a passphrase anywhere, says how to give one and writes nothing', async () => {
    const before = readdirSync(archives);
    const refused = await meshvault(['backup', 'create', join(archives, 'none.mvb')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('give --passphrase-file FILE or set MESHVAULT_BACKUP_PASSPHRASE');
    expect(readdirSync(archives)).toEqual(before);
  }, 60_000);
});
