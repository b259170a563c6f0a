import { sql, type Kysely } from 'kysely';

/**
 * Quotes are kept for their legal retention after their customer is erased (registry: keep-legal-duty),
 * but `on delete cascade` from users and projects would delete them with the account. The customer and
 * project ids stay in the row as opaque ids (keep-with-row); only the cascades go. A test in rights
 * (rights-erasure.test.ts, "the registry and the schema agree on what erasure keeps") finds any other
 * table where a cascade would destroy a kept row. (The file name is the migration's recorded name:
 * it must not change.)
 */
const KEPT = [
  { table: 'quotes', column: 'customer_id' },
  { table: 'quotes', column: 'project_id' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { table, column } of KEPT) {
    const found = await sql<{ conname: string }>`
      select c.conname from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.conrelid = ${table}::regclass and a.attname = ${column}`.execute(db);
    for (const { conname } of found.rows) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(conname)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table quotes add foreign key (customer_id) references users (id) on delete cascade`.execute(db);
  await sql`alter table quotes add foreign key (project_id) references projects (id) on delete cascade`.execute(db);
}
