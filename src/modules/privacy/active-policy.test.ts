/**
 * The policy in force on a new installation, read while its first version is being published (several
 * processes, or several calls of one, starting together): a version published between the cache's two
 * reads is found, not reported as "nothing published".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../app-paths.js';
import { createActivePolicy, parseManifestAhead, parseStoredManifest } from './active-policy.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

describe('the policy in force on a new installation', () => {
  it('finds a first version that took force between its first read and its look for any version', async () => {
    const published = await app.services.privacy.publishDefaultIfNone();
    expect(published?.version).toBe(1);
    // The first read is made at a time before the version took force, as a call that started just
    // before another process published it would; by its next read the version is in force.
    const times = [new Date(0), new Date(published!.effectiveAt.getTime() + 1000)];
    const policy = createActivePolicy({
      db: app.db,
      now: () => times.shift() ?? new Date(),
      recheckMs: 0,
      publishFirstVersion: async () => {
        throw new Error('a version is already published: nothing to publish');
      },
    });
    expect((await policy.current()).version).toBe(1);
  });
});

describe('a manifest parsed ahead (a server start, while its database opens)', () => {
  const text = readFileSync(join(projectRoot(), 'manifests', 'default.yaml'), 'utf8');

  it('is what the first read of the same stored text gets, once; any other text is parsed as ever', () => {
    const ahead = parseManifestAhead(text);
    expect(ahead).toBeDefined();
    expect(parseStoredManifest(1, text)).toBe(ahead);
    // Handed out once: the next read parses again, so no two apps share one manifest's objects.
    const again = parseStoredManifest(1, text);
    expect(again).not.toBe(ahead);
    expect(again).toEqual(ahead);

    expect(parseManifestAhead(text)).toEqual(ahead);
    const edited = text.replace('manifest_version: 1', 'manifest_version: 1 # edited');
    expect(parseStoredManifest(2, edited)).not.toBe(ahead);
    expect(parseStoredManifest(2, edited)).toEqual(ahead);
  });

  it('keeps nothing of a text that is not a valid manifest, and the stored one is still checked', () => {
    expect(parseManifestAhead('operator: [')).toBeUndefined();
    expect(() => parseStoredManifest(3, 'operator: [')).toThrow('Stored privacy manifest version 3 is not valid');
  });
});
