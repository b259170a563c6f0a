import { sql, type Kysely } from 'kysely';

/**
 * The product configurator: products staff define (not about anyone), the configurations people save
 * of them, and the read-only links they share. A configuration and its links go with their owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table configurable_products (
      id uuid primary key,
      name text not null,
      description text,
      model_file_id uuid not null,
      model_name text not null,
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      definition jsonb not null,
      status text not null check (status in ('draft', 'published', 'retired')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table configurations (
      id uuid primary key,
      product_id uuid not null references configurable_products (id),
      customer_id uuid not null references users (id) on delete cascade,
      name text not null,
      selections jsonb not null,
      price_cents bigint not null check (price_cents >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index configurations_customer_idx on configurations (customer_id, updated_at)`.execute(db);
  await sql`
    create table configuration_shares (
      id uuid primary key,
      configuration_id uuid not null references configurations (id) on delete cascade,
      customer_id uuid not null references users (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index configuration_shares_configuration_idx on configuration_shares (configuration_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['configuration_shares', 'configurations', 'configurable_products']) await sql`drop table if exists ${sql.table(t)}`.execute(db);
}
