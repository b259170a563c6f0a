import type { PGlite } from '@electric-sql/pglite';
import { pgliteHandle, startPglite, type DatabaseHandle } from '../platform/db/index.js';
import { emptyTables, KEPT_TABLES, pgliteStart } from './database-snapshot.js';

/**
 * Migrated PGlite databases handed from one test file to the next. Starting one from the run's
 * snapshot costs about 0.4 s of CPU (PGlite's start, Postgres' boot, unpacking the tarball), and most
 * test files make one; a vitest worker runs its files one after another in one process (isolate: false),
 * so a database a file has closed is emptied and kept for the next one instead.
 *
 * Emptied means as the snapshot was: every table truncated but those the snapshot fills (the
 * migrations' record, pg-boss's version and queues; identities restarted), those given back the
 * snapshot's rows (pg-boss notes in its version row when maintenance last ran, and would skip it), the
 * session reset, and a checkpoint so the write-ahead log starts short again. Then the catalogue is
 * compared with the snapshot's: a database whose schema a test changed (a migration test, a test that
 * drops a column) is closed, never handed on, and the next file gets a new one. So no file can see what
 * an earlier one left, in its rows or in its schema.
 */

/** The most emptied databases a worker keeps (a file may have several open at once). */
const MAX_IDLE = 3;

const idle: PGlite[] = [];
type Snapshot = { catalogue: string; keptRows: Map<string, string> };
let snapshot: Promise<Snapshot> | undefined;

/** A migrated database for one test file: one handed on by an earlier file, else a new one. */
export async function openMigratedPglite<DB>(): Promise<DatabaseHandle<DB>> {
  const reused = idle.pop();
  const pglite = reused ?? (await startPglite({ dir: null, loadDataDir: await pgliteStart('migrated') }));
  // The first new database, before any test touches it, is what every emptied one must be.
  snapshot ??= readSnapshot(pglite);
  await snapshot;
  return pgliteHandle<DB>(pglite, handOn);
}

async function readSnapshot(pglite: PGlite): Promise<Snapshot> {
  const keptRows = new Map<string, string>();
  for (const table of KEPT_TABLES) {
    const { rows } = await pglite.query<{ rows: string }>(`select coalesce(json_agg(t), '[]')::text as rows from ${table} t`);
    keptRows.set(table, rows[0]!.rows);
  }
  return { catalogue: await catalogue(pglite), keptRows };
}

async function handOn(pglite: PGlite): Promise<void> {
  const { catalogue: expected, keptRows } = await snapshot!;
  const emptied = idle.length < MAX_IDLE && (await empty(pglite, keptRows).catch(() => false));
  // A catalogue that cannot be read (a test dropped a table it reads) is not the snapshot's either.
  if (emptied && (await catalogue(pglite).catch(() => null)) === expected) idle.push(pglite);
  else await pglite.close();
}

/** Back to the snapshot's rows and a fresh session; false when the database is in no state to be reused. */
async function empty(pglite: PGlite, keptRows: ReadonlyMap<string, string>): Promise<boolean> {
  if (pglite.closed) return false;
  if (pglite.isInTransaction()) await pglite.exec('rollback');
  await emptyTables(async (text) => ({ rows: (await pglite.query<Record<string, unknown>>(text)).rows }));
  await pglite.transaction(async (tx) => {
    for (const [table, rows] of keptRows) {
      await tx.query(`delete from ${table}`);
      await tx.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1)`, [rows]);
    }
  });
  await pglite.exec('discard all');
  await pglite.exec('checkpoint');
  return true;
}

/**
 * What a test could change that the truncation does not put back, as one digest: the schemas, every
 * relation with its columns, privileges and options, the views, policies, constraints, indexes, triggers,
 * functions and types outside the system's schemas, the database's settings, the roles and the
 * extensions. (The rows of the kept tables need no digest: `empty` has just put the snapshot's back.)
 */
async function catalogue(pglite: PGlite): Promise<string> {
  // Each part is a set of lines, sorted by their text, so that the catalogue's physical order (which
  // the truncation changes) does not count.
  const { rows } = await pglite.query<{ digest: string }>(`
    with own as (select oid, nspname from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'),
    line(text) as (
      select 'schema ' || nspname from own
      union all select format('relation %s.%s %s %s %s %s', own.nspname, c.relname, c.relkind, c.relacl, c.reloptions, c.relrowsecurity)
        from pg_class c join own on own.oid = c.relnamespace
      union all select format('view %s.%s %s', own.nspname, c.relname, pg_get_viewdef(c.oid)) from pg_class c join own on own.oid = c.relnamespace where c.relkind in ('v', 'm')
      union all select format('policy %s %s %s', pol.polrelid::regclass, pol.polname, pg_get_expr(pol.polqual, pol.polrelid)) from pg_policy pol
      union all select format('column %s.%s.%s %s %s %s %s', own.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid))
        from pg_attribute a join pg_class c on c.oid = a.attrelid join own on own.oid = c.relnamespace
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where a.attnum > 0 and not a.attisdropped
      union all select format('constraint %s.%s %s', own.nspname, con.conname, pg_get_constraintdef(con.oid)) from pg_constraint con join own on own.oid = con.connamespace
      union all select 'index ' || pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid join own on own.oid = c.relnamespace
      union all select 'trigger ' || pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c on c.oid = t.tgrelid join own on own.oid = c.relnamespace where not t.tgisinternal
      union all select format('function %s.%s(%s) %s', own.nspname, p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)) from pg_proc p join own on own.oid = p.pronamespace
      union all select format('type %s.%s', own.nspname, t.typname) from pg_type t join own on own.oid = t.typnamespace
      union all select 'setting ' || array_to_string(setconfig, ';') from pg_db_role_setting
      union all select 'role ' || rolname from pg_roles
      union all select 'extension ' || extname || ' ' || extversion from pg_extension
    )
    select md5(string_agg(text, E'\\n' order by text)) as digest from line`);
  const digest = rows[0]?.digest;
  if (digest === undefined) throw new Error('the catalogue query returned nothing');
  return digest;
}
