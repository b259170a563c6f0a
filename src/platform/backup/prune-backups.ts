import { createReadStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createChunkDecryptor } from '../crypto/index.js';
import { isAppError } from '../errors/index.js';
import { BACKUP_MAGIC, SALT_SIZE, deriveBackupKey } from './backup-format.js';
import { parseRecord, readArchiveLines, readHeader } from './restore-backup.js';

/**
 * When a backup was made, from its own (encrypted) first record rather than the file's time, which a
 * copy changes. Reading it proves the passphrase too: a backup that cannot be read is never deleted.
 */
export async function readBackupCreatedAt(file: string, passphrase: string): Promise<Date> {
  const header = await readHeader(file);
  const key = await deriveBackupKey(passphrase, header.salt);
  const decrypted = createReadStream(file, { start: BACKUP_MAGIC.length + SALT_SIZE }).pipe(createChunkDecryptor({ dataKey: key }));
  try {
    for await (const line of readArchiveLines(decrypted)) {
      const record = parseRecord(line);
      if (record.t === 'meta') return new Date(record.createdAt);
      break;
    }
  } finally {
    decrypted.destroy();
  }
  throw new Error(`${file} has no creation record`);
}

export type PruneResult = { deleted: string[]; kept: string[]; unreadable: Array<{ file: string; why: string }> };

/**
 * Deletes the backups in `dir` (its Meshvault archives, by their header; other files are left alone)
 * whose creation time `expired` says is past the period backups are kept. Nothing is deleted in a dry run.
 */
export async function pruneBackups(opts: { dir: string; passphrase: string; expired: (createdAt: Date) => boolean; dryRun?: boolean }): Promise<PruneResult> {
  const result: PruneResult = { deleted: [], kept: [], unreadable: [] };
  for (const name of (await readdir(opts.dir)).sort()) {
    const file = join(opts.dir, name);
    if (!(await stat(file)).isFile()) continue;
    let createdAt: Date;
    try {
      createdAt = await readBackupCreatedAt(file, opts.passphrase);
    } catch (error) {
      // Not a backup at all: not ours to judge. A backup we cannot read (another passphrase) is reported.
      if (isAppError(error) && error.message.endsWith('is not a Meshvault backup.')) continue;
      result.unreadable.push({ file, why: (error as Error).message });
      continue;
    }
    if (!opts.expired(createdAt)) {
      result.kept.push(file);
      continue;
    }
    if (!opts.dryRun) await rm(file);
    result.deleted.push(file);
  }
  return result;
}
