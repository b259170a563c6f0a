import { isPersonal, type TableRegistry } from './define-tables.js';

/** Each category a registry stores, with the `table.column`s that store it (for messages that say where). */
export function categoryColumns(registry: TableRegistry): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [table, entry] of Object.entries(registry)) {
    for (const [name, column] of Object.entries(entry.columns)) {
      if (isPersonal(column)) map.set(column.category, [...(map.get(column.category) ?? []), `${table}.${name}`]);
    }
  }
  return map;
}
