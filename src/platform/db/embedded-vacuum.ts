import type { DatabaseHandle } from './database.js';

/**
 * Vacuums and analyses every table of the embedded database, one table per statement.
 *
 * PGlite runs PostgreSQL as one standalone backend, and a standalone backend has no autovacuum: left
 * alone, every updated or deleted row stays on disk for good (tables and indexes only grow), the
 * planner never gets statistics for what the tables hold, and nothing freezes old rows, which a
 * standalone backend does not even refuse to outrun (after some two billion writing transactions, rows
 * would seem to vanish). PostgreSQL's own server does all of this by itself; there this does nothing.
 *
 * One table at a time, each statement taken in turn with every other query on the one connection, so
 * requests wait for at most one table's vacuum, not the whole database's. The system catalogs are
 * included: the database's oldest unfrozen transaction only moves once every table has been vacuumed.
 */
export async function vacuumEmbeddedDatabase(handle: Pick<DatabaseHandle<unknown>, 'kind' | 'executeSql'>, signal?: AbortSignal): Promise<{ tables: number }> {
  if (handle.kind !== 'pglite') return { tables: 0 };
  const { rows } = await handle.executeSql(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm') and c.relpersistence = 'p'
      order by n.nspname, c.relname`,
  );
  for (const { name } of rows) {
    signal?.throwIfAborted();
    await handle.executeSql(`vacuum (analyze) ${name as string}`);
  }
  return { tables: rows.length };
}

/** What the database's files take on disk, in bytes, as PostgreSQL counts them. */
export async function databaseBytes(handle: Pick<DatabaseHandle<unknown>, 'executeSql'>): Promise<number> {
  const { rows } = await handle.executeSql(`select pg_database_size(current_database())::text as bytes`);
  return Number(rows[0]?.bytes ?? 0);
}
