import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { createChunkEncryptor } from '../crypto/index.js';
import type { DatabaseHandle } from '../db/index.js';
import type { StorageDriver } from '../storage/index.js';
import { BACKUP_MAGIC, deriveBackupKey, newSalt, type BackupRecord } from './backup-format.js';
import { listTablesInDependencyOrder, quoteIdent } from './catalog.js';

export type CreateBackupOptions<DB = unknown> = {
  database: DatabaseHandle<DB>;
  dataDir: string;
  /** Folders and files under dataDir to include, e.g. ['files', 'master.key']. */
  include: string[];
  /**
   * Stored files that live in an S3 bucket (MESHVAULT_STORAGE_URL) rather than in dataDir: every
   * object is read through the driver, still encrypted as stored, into the archive.
   */
  objects?: StorageDriver;
  /**
   * Object key prefixes left out of the archive: records that must outlive a restore rather than be
   * rolled back by it (the erasure ledger's shared copy), and that a restore into the bucket must not meet.
   */
  skipObjectPrefixes?: readonly string[];
  passphrase: string;
  outFile: string;
  appVersion: string;
  now: () => Date;
};

export type BackupSummary = { rows: number; files: number; bytes: number };

const FETCH = 500;
const FILE_PIECE = 256 * 1024;

/**
 * Writes one encrypted archive: every row of every application table, read in a single
 * REPEATABLE READ snapshot (so it is consistent while the server keeps writing), then the stored
 * files. Stored files are immutable and written before the row that names them commits, so every
 * file the snapshot references is on disk when it is copied.
 */
export async function createBackup<DB>(opts: CreateBackupOptions<DB>): Promise<BackupSummary> {
  const salt = newSalt();
  const key = await deriveBackupKey(opts.passphrase, salt);
  await mkdir(dirname(opts.outFile), { recursive: true });
  const temp = `${opts.outFile}.partial`;
  const records = new PassThrough({ writableHighWaterMark: 1024 * 1024 });
  const out = createWriteStream(temp, { mode: 0o600 });
  out.write(Buffer.concat([BACKUP_MAGIC, salt]));
  const writing = pipeline(records, createChunkEncryptor({ dataKey: key, endsFile: true }), out);
  // The output can fail at any time (disk full, a folder in the way): a handler from the start keeps
  // that from being an unhandled rejection, and the next record sees it instead of waiting for a
  // 'drain' that a destroyed stream never emits.
  let writeError: Error | null = null;
  writing.catch((error: unknown) => void (writeError ??= error instanceof Error ? error : new Error(String(error))));
  const emit = async (record: BackupRecord) => {
    if (writeError) throw writeError;
    if (!records.write(`${JSON.stringify(record)}\n`)) await Promise.race([new Promise((r) => records.once('drain', r)), writing]);
  };
  let rows = 0;
  let files = 0;
  try {
    await emit({ t: 'meta', createdAt: opts.now().toISOString(), format: 1, database: opts.database.kind, app: opts.appVersion });
    const db = opts.database.db as unknown as Kysely<unknown>;
    await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const tables = await listTablesInDependencyOrder(async (text) => ({ rows: (await sql.raw<Record<string, unknown>>(text).execute(trx)).rows }));
      for (const table of tables) {
        await emit({ t: 'table', name: table.name });
        const cursor = `backup_${table.name}`.slice(0, 60);
        await sql.raw(`declare ${quoteIdent(cursor)} no scroll cursor for select row_to_json(t)::text as j from ${quoteIdent(table.name)} t`).execute(trx);
        for (;;) {
          const batch = await sql.raw<{ j: string }>(`fetch ${FETCH} from ${quoteIdent(cursor)}`).execute(trx);
          for (const r of batch.rows) {
            await emit({ t: 'row', table: table.name, row: JSON.parse(r.j) });
            rows++;
          }
          if (batch.rows.length < FETCH) break;
        }
        await sql.raw(`close ${quoteIdent(cursor)}`).execute(trx);
      }
    });
    for (const entry of opts.include) {
      for (const path of await listFiles(join(opts.dataDir, entry))) {
        const size = (await stat(path)).size;
        await emit({ t: 'file', path: relative(opts.dataDir, path), size });
        for await (const piece of createReadStream(path, { highWaterMark: FILE_PIECE })) {
          await emit({ t: 'data', b64: (piece as Buffer).toString('base64') });
        }
        files++;
      }
    }
    // Listed after the snapshot: every object a backed-up row names was written before that row
    // committed; objects are never changed, and one newer than the snapshot is only an extra.
    if (opts.objects) {
      for await (const object of opts.objects.list('')) {
        if (opts.skipObjectPrefixes?.some((prefix) => object.key.startsWith(prefix))) continue;
        await emit({ t: 'object', key: object.key, size: object.size });
        for await (const piece of await opts.objects.read(object.key)) {
          await emit({ t: 'data', b64: (piece as Buffer).toString('base64') });
        }
        files++;
      }
    }
    await emit({ t: 'end', rows, files });
    records.end();
    await writing;
  } catch (error) {
    records.destroy(error as Error);
    await writing.catch(() => {});
    // The file may still be opening: removed before that, it would reappear once it has opened.
    if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()));
    // A half-written archive must not be mistaken for a backup, nor pile up at each failed attempt.
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await rename(temp, opts.outFile);
  return { rows, files, bytes: (await stat(opts.outFile)).size };
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [path];
  const found: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(child)));
    else if (entry.isFile()) found.push(child);
  }
  return found.sort();
}
