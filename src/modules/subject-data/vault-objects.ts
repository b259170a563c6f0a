import { sql, type Kysely } from 'kysely';
import { isVaultBacked, VAULT_KEY_COLUMN, VAULT_OBJECT_COLUMN } from '../../platform/registry/index.js';
import { ownedCondition, type TableScope } from './subject-scope.js';

/** The columns that may name a stored file, in the order they are asked. */
const NAME_COLUMNS = ['original_name', 'file_name', 'name'];

export type PersonVaultObject = { table: string; id: string; name: string; storageKey: string; wrappedKey: string };

/**
 * The encrypted files among a person's own rows of one vault-backed table (a support attachment
 * under their ticket, …), for their export to hold the files themselves and not only their
 * metadata. Only their own rows: a row of someone else's that merely mentions them carries no file of theirs.
 */
export async function personVaultObjects(db: Kysely<unknown>, scope: TableScope, userId: string): Promise<PersonVaultObject[]> {
  if (!isVaultBacked(scope.entry) || !('id' in scope.entry.columns)) return [];
  const owned = ownedCondition(scope, userId);
  if (!owned) return [];
  const nameColumn = NAME_COLUMNS.find((c) => c in scope.entry.columns) ?? 'id';
  const result = await sql<{ id: string; name: string; storage_key: string; wrapped_key: string | null }>`
    select id::text as id, ${sql.ref(nameColumn)}::text as name, ${sql.ref(VAULT_OBJECT_COLUMN)} as storage_key, ${sql.ref(VAULT_KEY_COLUMN)} as wrapped_key
    from ${sql.table(scope.table)} where ${owned} and ${sql.ref(VAULT_KEY_COLUMN)} is not null order by id`.execute(db);
  return result.rows.map((r) => ({ table: scope.table, id: r.id, name: r.name, storageKey: r.storage_key, wrappedKey: r.wrapped_key! }));
}
