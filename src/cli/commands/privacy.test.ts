import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestVariant } from '../../modules/privacy/test-manifests.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const run = (...argv: string[]) => runOnTestApp(app, ...argv);

describe('meshvault privacy', () => {
  it('publishes a manifest file as the next version and lists the versions', async () => {
    await app.services.policy.current();
    const file = join(app.config.dataDir, 'manifest.yaml');
    writeFileSync(file, manifestVariant((d) => (d.minimum_age = 13)));
    const published = await run('privacy', 'publish', file);
    expect(published.err).toBe('');
    expect(published.out).toContain('Published version 2 (significant)');
    expect(published.out).toContain('significant: it lowers the minimum age from 16 to 13');
    expect(published.out).toContain('Every user is being e-mailed a notice of the change.');
    const versions = await run('privacy', 'versions');
    expect(versions.out.split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      `2 ${new Date().toISOString().slice(0, 10)} significant`,
      `1 ${new Date().toISOString().slice(0, 10)} initial`,
    ]);
  });

  it('lists every problem of an invalid file with its line and exits non-zero, publishing nothing', async () => {
    const file = join(app.config.dataDir, 'bad.yaml');
    writeFileSync(file, 'manifest_version: 1\nminimum_age: 40\n');
    const result = await run('privacy', 'publish', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file}:2:14 minimum_age: minimum_age must be between 0 and 21`);
    expect(result.err).toMatch(/\d+ problems in .*bad\.yaml; nothing was published\./);
    expect((await app.services.privacy.listVersions()).length).toBe(2);
    expect((await run('privacy', 'publish', join(app.config.dataDir, 'missing.yaml'))).code).toBe(2);
  });
});
