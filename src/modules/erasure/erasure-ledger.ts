import { createHmac, randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MasterKey, MasterKeyRing } from '../../platform/crypto/index.js';

/**
 * The erasure ledger keeps, for each erased person, only keyed hashes of their account id and e-mail
 * address. The key is derived from a master key, so the hashes say nothing to someone holding the
 * database (or a backup) without the key file. It is kept twice: in the database, and appended to a
 * file in the data directory, which a database restore does not roll back — `meshvault erasure
 * replay` reads both and erases again anyone a restored backup brought back.
 */
export const LEDGER_FILE_NAME = 'erasure-ledger.jsonl';

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

export async function appendLedgerFile(dataDir: string, entry: LedgerEntry): Promise<void> {
  const line = JSON.stringify({ ...entry, erased_at: entry.erased_at.toISOString() });
  await appendFile(join(dataDir, LEDGER_FILE_NAME), `${line}\n`, { mode: 0o600 });
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
  const entries: LedgerEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Record<string, unknown>;
      if (typeof v.id === 'string' && typeof v.key_id === 'string' && typeof v.user_hash === 'string' && typeof v.email_hash === 'string' && typeof v.erased_at === 'string') {
        entries.push({ id: v.id, key_id: v.key_id, user_hash: v.user_hash, email_hash: v.email_hash, erased_at: new Date(v.erased_at) });
      }
    } catch {
      // a partly written last line after a crash
    }
  }
  return entries;
}
