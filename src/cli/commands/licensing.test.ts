import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { runOnTestApp } from '../../test-support/run-cli.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

describe('meshvault licensing rotate-signing-key', () => {
  it('makes a new signing key, retires the old one and audits it', async () => {
    const first = await runOnTestApp(app, 'licensing', 'rotate-signing-key');
    expect(first.code).toBe(0);
    const second = await runOnTestApp(app, 'licensing', 'rotate-signing-key');
    expect(second.out).toMatch(/New licence signing key [0-9a-f]{16}/);
    const keys = await app.db.selectFrom('licensing_signing_keys').select(['id', 'retired_at', 'private_key_wrapped']).execute();
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.retired_at === null)).toHaveLength(1);
    for (const k of keys) expect(k.private_key_wrapped).toMatch(/^mvk1\./);
    expect(await auditEntries(app, 'licensing.signing_key_rotated')).toHaveLength(2);
  });
});
