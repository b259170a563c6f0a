/**
 * `meshvault migrate-to`: copies an embedded installation (PGlite + data/files) to PostgreSQL + an
 * S3-compatible store, then checks the copy on the target alone: every row count, every stored object
 * (same key, same size), the audit chain, and every file, preview and export decrypted and checked
 * against its key. The bytes are copied as they are stored (ciphertext): the data keys stay wrapped
 * under the same master key, which the new processes must be given (MESHVAULT_MASTER_KEY).
 */
import { sql, type Kysely } from 'kysely';
import { listTablesInDependencyOrder, quoteIdent } from '../platform/backup/catalog.js';
import { createVault, type MasterKeyRing } from '../platform/crypto/index.js';
import type { DatabaseHandle } from '../platform/db/index.js';
import { AppError } from '../platform/errors/index.js';
import type { StorageDriver } from '../platform/storage/index.js';

const ROW_BATCH = 500;
/** Tables the target's own migration fills; the rows are the same schema version by then. */
const SKIP_TABLES = ['kysely_migration', 'kysely_migration_lock'];

export type MigrationSide<DB> = { database: DatabaseHandle<DB>; storage: StorageDriver };
export type MigrationReport = { rows: number; tables: number; objects: number; bytes: number; auditEntries: number; filesDecrypted: number };

export async function migrateInstallation<S, T>(opts: {
  source: MigrationSide<S>;
  target: MigrationSide<T>;
  masterKeys: MasterKeyRing;
  verifyAuditChain: (db: Kysely<never>) => Promise<{ ok: boolean; entries: number; problem?: string | null }>;
  progress: (line: string) => void;
}): Promise<MigrationReport> {
  const { source, target, progress } = opts;
  const tables = (await listTablesInDependencyOrder(source.database.executeSql)).filter((t) => !SKIP_TABLES.includes(t.name));
  // The copy is by table name (the catalog's list), like a backup restore: no table types apply.
  const targetDb = target.database.db as unknown as Kysely<unknown>;
  const counts = new Map<string, number>();

  // Rows: one transaction on the target, so a failure leaves it empty and the command can simply run again.
  await targetDb.transaction().execute(async (trx) => {
    for (const table of tables) {
      const existing = await sql.raw<{ n: number }>(`select count(*)::int as n from ${quoteIdent(table.name)}`).execute(trx);
      if (Number(existing.rows[0]?.n) > 0) {
        throw new AppError('conflict', `The target database is not empty (table ${table.name} has rows). Migrate into a new, empty database.`);
      }
    }
    for (const table of tables) {
      let copied = 0;
      for (;;) {
        const page = await source.database.executeSql(`select row_to_json(t) as r from ${quoteIdent(table.name)} t order by ctid limit ${ROW_BATCH} offset ${copied}`);
        if (page.rows.length === 0) break;
        const rows = JSON.stringify(page.rows.map((row) => row.r));
        const name = sql.raw(quoteIdent(table.name));
        await sql`insert into ${name} overriding system value select * from json_populate_recordset(null::${name}, ${rows}::json)`.execute(trx);
        copied += page.rows.length;
      }
      for (const column of table.identityColumns) {
        await sql
          .raw(`select setval(pg_get_serial_sequence('${table.name}', '${column}'), coalesce((select max(${quoteIdent(column)}) from ${quoteIdent(table.name)}), 0) + 1, false)`)
          .execute(trx);
      }
      counts.set(table.name, copied);
    }
  });
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  progress(`Copied ${rows} rows of ${tables.length} tables.`);

  // Objects: copied as stored; one already in the target with the same size is kept (a rerun after a break).
  let objects = 0;
  let bytes = 0;
  for await (const object of source.storage.list('')) {
    const there = await target.storage.stat(object.key);
    if (there?.size !== object.size) await target.storage.put(object.key, await source.storage.read(object.key));
    objects++;
    bytes += object.size;
  }
  progress(`Copied ${objects} stored objects (${bytes} bytes).`);

  // Verification, on the target alone.
  for (const [table, count] of counts) {
    const there = await sql.raw<{ n: number }>(`select count(*)::int as n from ${quoteIdent(table)}`).execute(targetDb);
    if (Number(there.rows[0]?.n) !== count) throw new AppError('unprocessable', `Verification failed: table ${table} has ${String(there.rows[0]?.n)} rows on the target, ${count} in the source.`);
  }
  for await (const object of source.storage.list('')) {
    const there = await target.storage.stat(object.key);
    if (there?.size !== object.size) throw new AppError('unprocessable', `Verification failed: stored object ${object.key} is missing or differs on the target.`);
  }
  const audit = await opts.verifyAuditChain(targetDb as unknown as Kysely<never>);
  if (!audit.ok) throw new AppError('unprocessable', `Verification failed: the audit chain does not verify on the target: ${audit.problem ?? 'unknown problem'}.`);
  const vault = createVault({ storage: target.storage, masterKeys: opts.masterKeys });
  // Each decrypted whole (the chunks' authentication tags) and, where the row records it, to the same SHA-256.
  const encrypted = await sql<{ storage_key: string; wrapped_key: string; sha256: string | null }>`
    select storage_key, wrapped_key, sha256 from files
    union all select storage_key, wrapped_key, null from file_previews
    union all select storage_key, wrapped_key, sha256 from data_exports where wrapped_key is not null`.execute(targetDb);
  let decrypted = 0;
  for (const row of encrypted.rows) {
    // An export row whose archive is not built yet has no object in either installation.
    if (!(await target.storage.exists(row.storage_key))) continue;
    const { sha256 } = await vault.verifyFile(row.storage_key, row.wrapped_key);
    if (row.sha256 !== null && sha256 !== row.sha256) throw new AppError('unprocessable', `Verification failed: stored object ${row.storage_key} decrypts on the target to content whose SHA-256 is not the one recorded.`);
    decrypted++;
  }
  progress(`Verified: row counts, stored objects, the audit chain (${audit.entries} entries), and ${decrypted} files, previews and exports decrypted (with their recorded SHA-256).`);
  return { rows, tables: tables.length, objects, bytes, auditEntries: audit.entries, filesDecrypted: decrypted };
}
