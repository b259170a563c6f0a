import { createHmac, randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { MasterKey, MasterKeyRing } from '../../platform/crypto/index.js';
import type { StorageDriver } from '../../platform/storage/index.js';

/**
 * The erasure ledger keeps, for each erased person, only keyed hashes of their account id and e-mail
 * address. The key is derived from a master key, so the hashes say nothing to someone holding the
 * database (or a backup) without the key file. It is kept in the database and, outside it where a
 * database restore does not roll it back, appended to a file in the data directory and — when the
 * installation's files live in an object store that every process shares — written there as one
 * object per entry, so the erasures every worker ran reach the restore that one operator runs.
 * `meshvault erasure replay` reads them all and erases again anyone a restored backup brought back.
 */
export const LEDGER_FILE_NAME = 'erasure-ledger.jsonl';

/** Where the shared ledger's entries are kept in the object store; backups leave these objects out. */
export const LEDGER_OBJECT_PREFIX = 'erasure-ledger/';

export type LedgerEntry = { id: string; key_id: string; user_hash: string; email_hash: string; erased_at: Date };

function ledgerKey(master: MasterKey): Buffer {
  return createHmac('sha256', master.key).update('meshvault erasure ledger v1').digest();
}

export function hashPerson(master: MasterKey, userId: string, email: string): { user_hash: string; email_hash: string } {
  const key = ledgerKey(master);
  return {
    user_hash: createHmac('sha256', key).update(`user:${userId.toLowerCase()}`).digest('hex'),
    email_hash: createHmac('sha256', key).update(`email:${email.trim().toLowerCase()}`).digest('hex'),
  };
}

export function ledgerEntryFor(ring: MasterKeyRing, userId: string, email: string, at: Date): LedgerEntry {
  return { id: randomUUID(), key_id: ring.primary.id, ...hashPerson(ring.primary, userId, email), erased_at: at };
}

function ledgerLine(entry: LedgerEntry): string {
  return JSON.stringify({ ...entry, erased_at: entry.erased_at.toISOString() });
}

/** The entry as a ledger line, or null for text that is not one (a torn last line after a crash). */
function parseLedgerLine(line: string): LedgerEntry | null {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (typeof v.id === 'string' && typeof v.key_id === 'string' && typeof v.user_hash === 'string' && typeof v.email_hash === 'string' && typeof v.erased_at === 'string') {
      return { id: v.id, key_id: v.key_id, user_hash: v.user_hash, email_hash: v.email_hash, erased_at: new Date(v.erased_at) };
    }
  } catch {
    // not JSON
  }
  return null;
}

export async function appendLedgerFile(dataDir: string, entry: LedgerEntry): Promise<void> {
  await appendFile(join(dataDir, LEDGER_FILE_NAME), `${ledgerLine(entry)}\n`, { mode: 0o600 });
}

/** Writes the entry to the shared object store (its own object: processes never write the same key). */
export async function putLedgerObject(store: StorageDriver, entry: LedgerEntry): Promise<void> {
  await store.put(`${LEDGER_OBJECT_PREFIX}${entry.id}.json`, Buffer.from(ledgerLine(entry), 'utf8'));
}

/** Every entry of the shared ledger in the object store. */
export async function readLedgerObjects(store: StorageDriver): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for await (const object of store.list(LEDGER_OBJECT_PREFIX)) {
    const entry = parseLedgerLine((await buffer(await store.read(object.key))).toString('utf8'));
    if (entry) entries.push(entry);
  }
  return entries;
}

/** Entries of a ledger file; lines that are not entries (a torn last line) are skipped. */
export async function readLedgerFile(path: string): Promise<LedgerEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map(parseLedgerLine)
    .filter((entry): entry is LedgerEntry => entry !== null);
}
