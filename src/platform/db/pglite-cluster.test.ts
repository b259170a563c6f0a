import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMBEDDED_SHARED_BUFFERS_MB, pgliteStartParams } from './pglite-start.js';
import { openDatabase } from './index.js';
import { createClusterApart } from './pglite-cluster.js';

const root = mkdtempSync(join(tmpdir(), 'meshvault-cluster-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a new embedded cluster, made in a child process', () => {
  it('is made once, and then opened in this process with what the child wrote', async () => {
    const dir = join(root, 'db');
    await createClusterApart(dir, pgliteStartParams());
    const made = statSync(join(dir, 'PG_VERSION')).mtimeMs;
    await createClusterApart(dir, pgliteStartParams());
    expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(made);
    const handle = await openDatabase({ kind: 'pglite', dir });
    try {
      expect((await handle.executeSql('select current_setting($1) as v', ['server_version_num'])).rows[0]?.v).toMatch(/^\d+$/);
      // Not the 128 MB initdb wrote into postgresql.conf: the buffer cache the server starts Postgres with.
      expect((await handle.executeSql('select current_setting($1) as v', ['shared_buffers'])).rows[0]?.v).toBe(`${EMBEDDED_SHARED_BUFFERS_MB}MB`);
    } finally {
      await handle.close();
    }
    expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
  });

  it('runs with the buffer cache the operator set (MESHVAULT_DATABASE_BUFFERS_MB), its files left as they are', async () => {
    const dir = join(root, 'db');
    const conf = readFileSync(join(dir, 'postgresql.conf'), 'utf8');
    const handle = await openDatabase({ kind: 'pglite', dir, sharedBuffersMb: 48 });
    try {
      expect((await handle.executeSql('select current_setting($1) as v', ['shared_buffers'])).rows[0]?.v).toBe('48MB');
    } finally {
      await handle.close();
    }
    expect(readFileSync(join(dir, 'postgresql.conf'), 'utf8')).toBe(conf);
  });

  it('says where it could not be made', async () => {
    const notADir = join(root, 'a-file');
    writeFileSync(notADir, 'not a directory');
    await expect(createClusterApart(join(notADir, 'db'), pgliteStartParams())).rejects.toThrow(/Could not create the embedded database in .*a-file/);
  });
});
