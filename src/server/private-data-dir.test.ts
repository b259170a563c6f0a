import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../app-paths.js';
import { withDirectDatabase } from '../cli/direct-app.js';
import { loadConfig } from '../platform/config/index.js';
import { makeDataDirPrivate } from './private-data-dir.js';

const run = promisify(execFile);
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A data directory as an installation made before this rule left it: world-readable everything. */
function looseDataDir() {
  const parent = mkdtempSync(join(tmpdir(), 'meshvault-perm-'));
  made.push(parent);
  const dataDir = join(parent, 'data');
  mkdirSync(join(dataDir, 'db', 'base'), { recursive: true });
  mkdirSync(join(dataDir, 'files', 'ab'), { recursive: true });
  writeFileSync(join(dataDir, 'master.key'), 'key');
  writeFileSync(join(dataDir, 'db', 'base', '1234'), 'pages');
  writeFileSync(join(dataDir, 'files', 'ab', 'object'), 'ciphertext');
  for (const [path, mode] of [['', 0o755], ['db', 0o777], ['db/base', 0o777], ['files', 0o755], ['master.key', 0o644], ['db/base/1234', 0o666]] as const) {
    chmodSync(join(dataDir, path), mode);
  }
  return dataDir;
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv) {
  const { MESHVAULT_DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
const isRoot = process.getuid?.() === 0;

describe('the data directory at start', () => {
  it('is made private: directories 0700, files 0600, the database walked, and new files private too', () => {
    const dataDir = looseDataDir();
    makeDataDirPrivate(loadConfig({ MESHVAULT_DATA_DIR: dataDir }));
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'db'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'db', 'base'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'db', 'base', '1234'))).toBe(0o600);
    expect(modeOf(join(dataDir, 'files'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'master.key'))).toBe(0o600);
    writeFileSync(join(dataDir, 'new-file'), 'x');
    expect(modeOf(join(dataDir, 'new-file'))).toBe(0o600);
  });

  it('leaves the embedded database private when the CLI opens it', async () => {
    const dataDir = looseDataDir();
    rmSync(join(dataDir, 'db'), { recursive: true });
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
    await withDirectDatabase(config, async () => {});
    expect(modeOf(join(dataDir, 'db'))).toBe(0o700);
    expect(modeOf(join(dataDir, 'db', 'PG_VERSION'))).toBe(0o600);
  }, 120_000);

  it.skipIf(!isRoot)('is refused, with a message and no stack, when another user owns it and others may write to it', async () => {
    const dataDir = looseDataDir();
    chownSync(dataDir, 65534, 65534);
    chmodSync(dataDir, 0o777);
    expect(() => makeDataDirPrivate(loadConfig({ MESHVAULT_DATA_DIR: dataDir }))).toThrow(/belongs to another user \(uid 65534\)/);
    // Nothing was changed: the operator sees the directory as it was.
    expect(modeOf(dataDir)).toBe(0o777);

    const tsx = join(projectRoot(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = await run(process.execPath, [tsx, join(projectRoot(), 'src', 'cli', 'main.ts'), 'serve'], {
      env: { ...withoutDatabaseUrl(process.env), MESHVAULT_DATA_DIR: dataDir, PORT: '0', MESHVAULT_LOG_LEVEL: 'silent' },
      timeout: 90_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: Meshvault will not start: the data directory .* belongs to another user/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
