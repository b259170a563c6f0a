import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMasterKeyRing } from '../../platform/crypto/index.js';
import { createLocalStorageDriver } from '../../platform/storage/local-storage-driver.js';
import { LEDGER_OBJECT_PREFIX, ledgerEntryFor, putLedgerObject, readLedgerObjects } from './erasure-ledger.js';

describe("the erasure ledger's shared copy in the object store", () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshvault-ledger-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ring = createMasterKeyRing([randomBytes(32)]);

  it('reads back what every writer put, one object each, and skips an object that is not an entry', async () => {
    // Two processes' drivers over the one store.
    const first = createLocalStorageDriver({ rootDir: dir });
    const second = createLocalStorageDriver({ rootDir: dir });
    const a = ledgerEntryFor(ring, randomUUID(), 'a@example.com', new Date('2026-12-01T10:00:00Z'));
    const b = ledgerEntryFor(ring, randomUUID(), 'b@example.com', new Date('2026-12-01T10:00:01Z'));
    await putLedgerObject(first, a);
    await putLedgerObject(second, b);
    await first.put(`${LEDGER_OBJECT_PREFIX}torn.json`, Buffer.from('{"id":'));
    await first.put('ab/not-the-ledger', Buffer.from('ciphertext'));

    const read = await readLedgerObjects(second);
    expect(read.sort((x, y) => x.erased_at.getTime() - y.erased_at.getTime())).toEqual([a, b]);
    // Keyed hashes only: no address or id in what the store holds.
    const text = JSON.stringify(read);
    expect(text).not.toContain('example.com');
  });
});
