import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClusterApart } from './pglite-cluster.js';
import { openDatabase } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'meshvault-cluster-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a new embedded cluster, made in a child process', () => {
  it('is made once, and then opened in this process with what the child wrote', async () => {
    const dir = join(root, 'db');
    await createClusterApart(dir);
    const made = statSync(join(dir, 'PG_VERSION')).mtimeMs;
    await createClusterApart(dir);
    expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(made);
    const handle = await openDatabase({ kind: 'pglite', dir });
    try {
      expect((await handle.executeSql('select current_setting($1) as v', ['server_version_num'])).rows[0]?.v).toMatch(/^\d+$/);
    } finally {
      await handle.close();
    }
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
  });

  it('says where it could not be made', async () => {
    const notADir = join(root, 'a-file');
    writeFileSync(notADir, 'not a directory');
    await expect(createClusterApart(join(notADir, 'db'))).rejects.toThrow(/Could not create the embedded database in .*a-file/);
  });
});
