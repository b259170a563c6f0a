import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';

/**
 * The start-up fast path: whether the applied migrations are exactly `known` (every module's files),
 * from one query of the migration table. Kysely's Migrator learns the same by introspecting the whole
 * catalogue twice and importing every migration; it runs only when this says no (never migrated, a
 * pending migration, or an applied one this code does not know, which the Migrator refuses).
 */
export async function isSchemaCurrent(db: Kysely<unknown>, known: readonly string[]): Promise<boolean> {
  let applied: string[];
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    applied = rows.map((r) => r.name);
  } catch {
    return false; // never migrated: no migration table yet
  }
  if (applied.length !== known.length) return false;
  const wanted = new Set(known);
  return applied.every((name) => wanted.has(name));
}
