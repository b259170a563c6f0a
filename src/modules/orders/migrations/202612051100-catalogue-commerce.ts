import { sql, type Kysely } from 'kysely';

/**
 * The staff's catalogue: products and services sold at a fixed price with nothing to upload or
 * configure (a print-and-ship service, a licence). An order now comes from exactly one of an accepted
 * quote, a saved configuration or a catalogue item; the item is named without a foreign key, so
 * withdrawing it keeps its orders. An order is shipped only where the policy declares shipping details.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table catalogue_items (
    id uuid primary key,
    name text not null,
    description text,
    unit_cents integer not null check (unit_cents >= 0),
    currency text not null check (currency ~ '^[A-Z]{3}$'),
    active boolean not null default true,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`.execute(db);
  await sql`alter table orders add column catalogue_item_id uuid`.execute(db);
  await sql`alter table orders drop constraint orders_one_origin`.execute(db);
  await sql`alter table orders add constraint orders_one_origin check (
    (quote_id is not null and project_id is not null and configuration_id is null and catalogue_item_id is null)
    or (quote_id is null and project_id is null and configuration_id is not null and catalogue_item_id is null)
    or (quote_id is null and project_id is null and configuration_id is null and catalogue_item_id is not null))`.execute(db);
  // An order under a policy that declares no shipping details (a service, a digital delivery) has no shipping address.
  await sql`alter table orders alter column shipping_address drop not null`.execute(db);
  await sql`create index orders_catalogue_item_idx on orders (catalogue_item_id) where catalogue_item_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from orders where catalogue_item_id is not null or shipping_address is null`.execute(db);
  await sql`alter table orders alter column shipping_address set not null`.execute(db);
  await sql`drop index orders_catalogue_item_idx`.execute(db);
  await sql`alter table orders drop constraint orders_one_origin`.execute(db);
  await sql`alter table orders drop column catalogue_item_id`.execute(db);
  await sql`alter table orders add constraint orders_one_origin check ((quote_id is not null and project_id is not null and configuration_id is null) or (quote_id is null and project_id is null and configuration_id is not null))`.execute(db);
  await sql`drop table catalogue_items`.execute(db);
}
