import { join } from 'node:path';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { listAccountsAfter } from '../accounts/index.js';
import { hashPerson, LEDGER_FILE_NAME, readLedgerFile, readLedgerObjects, type LedgerEntry } from './erasure-ledger.js';
import type { ErasureDeps } from './erasure.deps.js';
import * as store from './erasure.store.js';
import { runErasure, startErasure } from './run-erasure.js';

export type ReplayResult = { ledgerEntries: number; checkedAccounts: number; erased: string[]; unknownKeys: string[] };

/**
 * After a backup is restored: every account whose keyed hash (of its id) is in the
 * ledger — the database's, the data directory's file (or another file given) and the shared object
 * store's — is erased again. Entries only the file or the store held are written back to the database's ledger.
 */
export async function replayErasures(deps: ErasureDeps, opts: { ledgerFile?: string } = {}): Promise<ReplayResult> {
  const fromDb = await store.listLedgerEntries(deps.db);
  const fromFile = await readLedgerFile(opts.ledgerFile ?? join(deps.dataDir, LEDGER_FILE_NAME));
  const fromStore = deps.sharedLedger ? await readLedgerObjects(deps.sharedLedger) : [];
  const entries = new Map<string, LedgerEntry>();
  for (const e of [...fromDb, ...fromFile, ...fromStore]) entries.set(`${e.key_id}:${e.user_hash}`, e);
  const inDb = new Set(fromDb.map((e) => `${e.key_id}:${e.user_hash}`));
  for (const [k, e] of entries) if (!inDb.has(k)) await store.insertLedgerEntry(deps.db, e);

  const ring = deps.fileVault.masterKeys();
  const byKey = new Map<string, { users: Set<string> }>();
  for (const e of entries.values()) {
    const set = byKey.get(e.key_id) ?? { users: new Set<string>() };
    set.users.add(e.user_hash);
    byKey.set(e.key_id, set);
  }
  const unknownKeys = [...byKey.keys()].filter((id) => !ring.find(id));
  const matched: string[] = [];
  let checked = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await deps.uow.run({ actor: CLI_ACTOR }, (work) => listAccountsAfter(work, after, 1000));
    if (page.length === 0) break;
    for (const user of page) {
      checked++;
      for (const [keyId, hashes] of byKey) {
        const key = ring.find(keyId);
        if (!key) continue;
        const h = hashPerson(key, user.id, user.email);
        // By account id only: an address may since belong to a new account of someone who came back.
        if (hashes.users.has(h.user_hash)) {
          matched.push(user.id);
          break;
        }
      }
    }
    after = page[page.length - 1]!.id;
  }
  for (const userId of matched) {
    const { erasureId } = await deps.uow.run({ actor: CLI_ACTOR }, (work) => startErasure(deps, work, { userId, origin: 'replay' }));
    await runErasure(deps, erasureId);
  }
  return { ledgerEntries: entries.size, checkedAccounts: checked, erased: matched, unknownKeys };
}
