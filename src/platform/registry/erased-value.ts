import type { PersonalColumn, TableEntry } from './define-tables.js';

/** Columns that make a table's rows vault-backed: deleting the row destroys the key, then the object goes. */
export const VAULT_KEY_COLUMN = 'wrapped_key';
export const VAULT_OBJECT_COLUMN = 'storage_key';

export function isVaultBacked(entry: TableEntry): boolean {
  return VAULT_KEY_COLUMN in entry.columns && VAULT_OBJECT_COLUMN in entry.columns;
}

/**
 * The value a column holds once erased in place: its `anonymiseWith` for 'anonymise', else NULL.
 * Erasure and retention's anonymisation write the same.
 */
export function erasedValue(column: PersonalColumn): unknown {
  return column.erase === 'anonymise' ? (column.anonymiseWith ?? null) : null;
}
