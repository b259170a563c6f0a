import { sql, type Kysely } from 'kysely';

/**
 * An order comes from an accepted quote of a project, or from a saved configuration of the product
 * configurator, which has neither: exactly one of the two origins is named. The configuration is named
 * without a foreign key, so deleting it (or erasing it with its owner's other data) keeps the order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders alter column quote_id drop not null, alter column project_id drop not null, add column configuration_id uuid`.execute(db);
  await sql`alter table orders add constraint orders_one_origin check ((quote_id is not null and project_id is not null and configuration_id is null) or (quote_id is null and project_id is null and configuration_id is not null))`.execute(db);
  await sql`create index orders_configuration_idx on orders (configuration_id) where configuration_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from orders where configuration_id is not null`.execute(db);
  await sql`drop index orders_configuration_idx`.execute(db);
  await sql`alter table orders drop constraint orders_one_origin, drop column configuration_id, alter column quote_id set not null, alter column project_id set not null`.execute(db);
}
