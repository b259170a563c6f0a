/**
 * The policy in force on a new installation, read while its first version is being published (several
 * processes, or several calls of one, starting together): a version published between the cache's two
 * reads is found, not reported as "nothing published".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { createActivePolicy } from './active-policy.js';

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
