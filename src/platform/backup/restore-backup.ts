import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, rmdir, stat, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { sql, type Kysely } from 'kysely';
import { createChunkDecryptor } from '../crypto/index.js';
import type { DatabaseHandle } from '../db/index.js';
import type { StorageDriver } from '../storage/index.js';
import { AppError, isAppError } from '../errors/index.js';
import { BACKUP_MAGIC, SALT_SIZE, deriveBackupKey, type BackupRecord } from './backup-format.js';
import { listTablesInDependencyOrder, quoteIdent } from './catalog.js';
import type { BackupSummary } from './create-backup.js';

export type RestoreBackupOptions<DB = unknown> = {
  /** An installation whose schema is migrated and whose tables hold no rows. */
  database: DatabaseHandle<DB>;
  dataDir: string;
  /** Where the archive's bucket objects go (the target's S3 storage); an archive with objects needs it. */
  objects?: StorageDriver;
  passphrase: string;
  inFile: string;
  /** Tables the restore leaves alone (the migration bookkeeping made by migrating the target). */
  skipTables: string[];
};

const INSERT_BATCH = 200;

/**
 * Restores into an empty installation in one transaction: a wrong passphrase, a damaged archive or
 * a failure half-way leaves the target as it was. Files are written beside their final name and
 * renamed into place only after the database commit; on failure they, and the folders made for
 * them, are removed again. A file the archive holds that already exists in the target is refused,
 * like a table with rows: the restore would otherwise replace, say, the target's master key.
 */
export async function restoreBackup<DB>(opts: RestoreBackupOptions<DB>): Promise<BackupSummary> {
  const header = await readHeader(opts.inFile);
  const key = await deriveBackupKey(opts.passphrase, header.salt);

  const db = opts.database.db as unknown as Kysely<unknown>;
  const pendingRenames: Array<{ temp: string; final: string }> = [];
  // Objects are spooled beside the data directory and put into the bucket after the commit.
  const pendingObjects: Array<{ temp: string; key: string }> = [];
  const madeDirs: string[] = [];
  let file: { handle: FileHandle; temp: string } | null = null;
  let summary: BackupSummary = { rows: 0, files: 0, bytes: 0 };
  try {
    await db.transaction().execute(async (trx) => {
      const tables = await listTablesInDependencyOrder(async (text) => ({ rows: (await sql.raw<Record<string, unknown>>(text).execute(trx)).rows }));
      const known = new Map(tables.map((t) => [t.name, t]));
      for (const t of tables) {
        if (opts.skipTables.includes(t.name)) continue;
        const r = await sql.raw<{ n: number }>(`select count(*)::int as n from ${quoteIdent(t.name)}`).execute(trx);
        if (Number(r.rows[0]?.n) > 0) throw new AppError('conflict', `Restore needs an empty installation, but table ${t.name} has rows. Restore into a fresh data directory or database.`);
      }
      let batch: unknown[] = [];
      let batchTable: string | null = null;
      let ended = false;
      const flush = async () => {
        if (batchTable && batch.length > 0 && !opts.skipTables.includes(batchTable)) {
          const t = quoteIdent(batchTable);
          await sql`insert into ${sql.raw(t)} overriding system value select * from json_populate_recordset(null::${sql.raw(t)}, ${JSON.stringify(batch)}::json)`.execute(trx);
        }
        batch = [];
      };
      const closeFile = async () => {
        if (file) await file.handle.close();
        file = null;
      };
      // Opened only now: the archive is read at the pace of the inserts, and a decryption failure
      // surfaces as an exception of this loop (readline would swallow it and could lose lines).
      const decrypted = createReadStream(opts.inFile, { start: BACKUP_MAGIC.length + SALT_SIZE }).pipe(createChunkDecryptor({ dataKey: key }));
      for await (const line of readArchiveLines(decrypted)) {
        if (ended) throw damaged('records after the end marker');
        const record = parseRecord(line);
        switch (record.t) {
          case 'meta':
            break;
          case 'table':
            await flush();
            if (!known.has(record.name)) throw new AppError('unprocessable', `The backup has a table (${record.name}) this version of Meshvault does not know. Restore with the version that made it.`);
            batchTable = record.name;
            break;
          case 'row':
            if (record.table !== batchTable) throw damaged('a row outside its table');
            batch.push(record.row);
            summary.rows++;
            if (batch.length >= INSERT_BATCH) await flush();
            break;
          case 'file': {
            await flush();
            await closeFile();
            const final = safeJoin(opts.dataDir, record.path);
            if (await stat(final).catch(() => null)) {
              throw new AppError('conflict', `Restore needs an empty installation, but ${record.path} already exists in ${opts.dataDir}. Restore into a fresh data directory.`);
            }
            const temp = `${final}.restoring`;
            const firstMade = await mkdir(dirname(final), { recursive: true });
            if (firstMade) madeDirs.push(firstMade);
            pendingRenames.push({ temp, final });
            file = { handle: await open(temp, 'w', 0o600), temp };
            summary.files++;
            break;
          }
          case 'object': {
            await flush();
            await closeFile();
            if (!opts.objects) throw new AppError('unprocessable', 'The backup holds objects of an S3 bucket: set MESHVAULT_STORAGE_URL (and the MESHVAULT_S3_ variables) to the bucket to restore them into.');
            if (await opts.objects.exists(record.key)) {
              throw new AppError('conflict', `Restore needs an empty installation, but the object ${record.key} already exists in the bucket. Restore into an empty bucket or prefix.`);
            }
            const temp = join(opts.dataDir, `.restoring-object-${pendingObjects.length}`);
            await mkdir(opts.dataDir, { recursive: true });
            pendingObjects.push({ temp, key: record.key });
            file = { handle: await open(temp, 'w', 0o600), temp };
            summary.files++;
            break;
          }
          case 'data': {
            if (!file) throw damaged('file data outside a file');
            const bytes = Buffer.from(record.b64, 'base64');
            await (file as { handle: FileHandle }).handle.write(bytes);
            summary.bytes += bytes.length;
            break;
          }
          case 'end':
            await flush();
            await closeFile();
            if (record.rows !== summary.rows || record.files !== summary.files) throw damaged('the counts at the end do not match');
            ended = true;
            break;
        }
      }
      if (!ended) throw damaged('it ends before its end marker');
      for (const t of tables) {
        for (const column of t.identityColumns) {
          await sql
            .raw(`select setval(pg_get_serial_sequence('${t.name}', '${column}'), coalesce((select max(${quoteIdent(column)}) from ${quoteIdent(t.name)}), 0) + 1, false)`)
            .execute(trx);
        }
      }
    });
  } catch (error) {
    summary = { rows: 0, files: 0, bytes: 0 };
    await (file as { handle: FileHandle } | null)?.handle.close().catch(() => {});
    await undoFiles([...pendingRenames, ...pendingObjects], madeDirs);
    throw error;
  }
  for (const { temp, final } of pendingRenames) await rename(temp, final);
  for (const { temp, key } of pendingObjects) {
    await opts.objects?.put(key, createReadStream(temp));
    await rm(temp, { force: true });
  }
  return summary;
}

/** Removes the files a failed restore wrote, and the folders it made for them, deepest first. */
async function undoFiles(written: Array<{ temp: string }>, madeDirs: string[]) {
  for (const { temp } of written) await rm(temp, { force: true });
  const dirs = new Set<string>();
  for (const { temp } of written) {
    for (const top of madeDirs) {
      for (let dir = dirname(temp); dir === top || dir.startsWith(top + sep); dir = dirname(dir)) dirs.add(dir);
    }
  }
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(dir).catch(() => {});
}

/** The decryptor's refusal speaks of a stored file; the operator restoring needs to hear what it means here. */
export async function* readArchiveLines(decrypted: Readable): AsyncGenerator<string> {
  try {
    yield* readLines(decrypted);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'unprocessable') throw error;
    throw new AppError('unprocessable', 'The backup cannot be read: the passphrase is wrong, or the file is damaged or incomplete. Nothing was restored.');
  }
}

async function* readLines(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) if (line) yield line;
  }
  if (rest) yield rest;
}

function damaged(why: string) {
  return new AppError('unprocessable', `The backup file is damaged: ${why}.`);
}

export function parseRecord(line: string): BackupRecord {
  try {
    return JSON.parse(line) as BackupRecord;
  } catch {
    throw damaged('a record is not valid JSON');
  }
}

function safeJoin(root: string, path: string): string {
  const clean = normalize(path);
  if (isAbsolute(clean) || clean.startsWith('..')) throw damaged(`a file path (${path}) points outside the data directory`);
  return join(root, clean);
}

export async function readHeader(path: string): Promise<{ salt: Buffer }> {
  const handle = await open(path, 'r').catch(() => {
    throw new AppError('not_found', `No backup file at ${path}.`);
  });
  try {
    const buf = Buffer.alloc(BACKUP_MAGIC.length + SALT_SIZE);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead < buf.length || !buf.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
      throw new AppError('unprocessable', `${path} is not a Meshvault backup.`);
    }
    return { salt: buf.subarray(BACKUP_MAGIC.length) };
  } finally {
    await handle.close();
  }
}
