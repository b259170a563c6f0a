import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../platform/config/index.js';
import { whyNoInstallation } from './installation-reach.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-reach-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('whyNoInstallation', () => {
  it('says why when the data directory holds no database, and creates nothing', () => {
    const empty = join(dataDir, 'empty');
    const reason = whyNoInstallation(() => loadConfig({ MESHVAULT_DATA_DIR: empty }));
    expect(reason).toBe(`no installation in ${empty} (set MESHVAULT_DATA_DIR or MESHVAULT_DATABASE_URL to check against one)`);
    expect(existsSync(empty)).toBe(false);
  });

  it('says why when the configuration is not valid', () => {
    const reason = whyNoInstallation(() => {
      throw new ConfigError(['PORT: expected a number']);
    });
    expect(reason).toBe('the configuration is not valid: PORT: expected a number');
  });

  it('finds an embedded database, and a PostgreSQL one is always tried', () => {
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    writeFileSync(join(dataDir, 'db', 'PG_VERSION'), '17\n');
    expect(whyNoInstallation(() => loadConfig({ MESHVAULT_DATA_DIR: dataDir }))).toBeUndefined();
    expect(whyNoInstallation(() => loadConfig({ MESHVAULT_DATA_DIR: join(dataDir, 'none'), MESHVAULT_DATABASE_URL: 'postgres://localhost/x' }))).toBeUndefined();
  });
});
