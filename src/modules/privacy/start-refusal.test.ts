import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import type { Database } from '../../database.js';
import { loadConfig } from '../../platform/config/index.js';
import { createLogger } from '../../platform/log/index.js';
import { openTestDatabase } from '../../test-support/test-database.js';
import { withoutCategory } from './test-manifests.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('starting under a policy that omits a stored category', () => {
  it('refuses to create the app and names the category and where it is stored', async () => {
    const database = await openTestDatabase<Database>();
    try {
      const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0' });
      const log = createLogger('silent');
      const first = await createApp({ config, log, database });
      expect((await first.services.policy.current()).version).toBe(1);
      await first.close();
      // As if another process (or an older Meshvault) had published it, bypassing the publish checks.
      await database.db
        .insertInto('manifest_versions')
        .values({
          id: randomUUID(),
          version: 2,
          yaml: withoutCategory('communications.support'),
          published_at: new Date(),
          effective_at: new Date(),
          published_by: null,
          change_level: 'minor',
          summary: 'Removed the data category "communications.support".',
          diff: JSON.stringify({ sentences: [], reasons: [], consentPurposes: [] }),
        })
        .execute();
      await expect(createApp({ config, log, database })).rejects.toThrow(
        /The privacy policy in force \(version 2\) does not declare a category of personal data this installation stores:\n {2}communications\.support \(stored in rights_requests\.kind/,
      );
      // The operator's CLI still opens it (to publish a fix), warning instead.
      const cli = await createApp({ config, log, database, policyCheck: 'warn' });
      await cli.close();
    } finally {
      await database.close();
    }
    // Three app starts on one database: slow on a loaded machine, so more time than one request needs.
  }, 150_000);
});
