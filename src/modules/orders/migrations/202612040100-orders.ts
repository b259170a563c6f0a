import { sql, type Kysely } from 'kysely';

/**
 * Orders, payments and invoices. Money in integer cents with its currency. Payments and invoices are
 * kept under a legal duty after their customer is erased (registry: keep-legal-duty), so they carry the
 * customer's and order's ids as plain columns, without foreign keys whose cascade would delete them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table customer_addresses (
      id uuid primary key,
      customer_id uuid not null references users (id) on delete cascade,
      name text not null,
      company text,
      line1 text not null,
      line2 text,
      postal_code text not null,
      city text not null,
      region text,
      country text not null check (country ~ '^[A-Z]{2}$'),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index customer_addresses_customer_idx on customer_addresses (customer_id, created_at)`.execute(db);
  await sql`
    create table orders (
      id uuid primary key,
      number text not null unique,
      quote_id uuid not null unique,
      project_id uuid not null references projects (id) on delete cascade,
      customer_id uuid not null references users (id) on delete cascade,
      status text not null check (status in ('pending_payment', 'paid', 'in_production', 'shipped', 'delivered', 'cancelled', 'refunded')),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      lines jsonb not null,
      net_cents bigint not null check (net_cents >= 0),
      tax_rate_percent numeric(5, 2) not null check (tax_rate_percent >= 0 and tax_rate_percent <= 100),
      tax_cents bigint not null check (tax_cents >= 0),
      total_cents bigint not null check (total_cents >= 0),
      billing_address jsonb not null,
      shipping_address jsonb not null,
      notes text,
      carrier text,
      tracking_url text,
      payment_method text check (payment_method in ('bank_transfer', 'stripe')),
      created_at timestamptz not null,
      paid_at timestamptz,
      shipped_at timestamptz,
      delivered_at timestamptz,
      completed_at timestamptz,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index orders_customer_idx on orders (customer_id, created_at)`.execute(db);
  await sql`create index orders_project_idx on orders (project_id)`.execute(db);
  await sql`
    create table order_events (
      id uuid primary key,
      order_id uuid not null references orders (id) on delete cascade,
      customer_id uuid not null,
      from_status text,
      to_status text not null,
      actor_id uuid references users (id) on delete set null,
      note text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index order_events_order_idx on order_events (order_id, at)`.execute(db);
  await sql`
    create table payments (
      id uuid primary key,
      order_id uuid not null,
      customer_id uuid not null,
      kind text not null check (kind in ('payment', 'refund')),
      provider text not null check (provider in ('bank_transfer', 'stripe')),
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      amount_cents bigint not null check (amount_cents >= 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      provider_ref text,
      provider_payment_ref text,
      payment_method_ref text,
      card_brand text check (card_brand ~ '^[a-z_]{1,20}$'),
      -- Only ever the last four digits: the full number never reaches Meshvault.
      card_last4 text check (card_last4 ~ '^[0-9]{4}$'),
      recorded_by uuid,
      created_at timestamptz not null,
      settled_at timestamptz
    )`.execute(db);
  await sql`create index payments_order_idx on payments (order_id, created_at)`.execute(db);
  await sql`create unique index payments_provider_ref_idx on payments (provider, provider_ref) where provider_ref is not null`.execute(db);
  await sql`
    create table payment_provider_events (
      provider text not null,
      event_id text not null,
      type text not null,
      received_at timestamptz not null,
      outcome text not null,
      primary key (provider, event_id)
    )`.execute(db);
  await sql`
    create table invoice_sequences (
      series text not null,
      fiscal_year integer not null,
      last_number integer not null,
      primary key (series, fiscal_year)
    )`.execute(db);
  await sql`
    create table invoices (
      id uuid primary key,
      number text not null unique,
      series text not null check (series in ('invoice', 'credit_note')),
      fiscal_year integer not null,
      sequence integer not null,
      order_id uuid not null,
      customer_id uuid not null,
      credited_invoice_id uuid references invoices (id),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      net_cents bigint not null,
      tax_cents bigint not null,
      total_cents bigint not null,
      billing_address jsonb not null,
      lines jsonb not null,
      issued_at timestamptz not null,
      sha256 text not null,
      wrapped_key text not null,
      storage_key text not null,
      unique (series, fiscal_year, sequence)
    )`.execute(db);
  await sql`create index invoices_customer_idx on invoices (customer_id, issued_at)`.execute(db);
  await sql`create index invoices_order_idx on invoices (order_id)`.execute(db);
  // An issued invoice is a tax document: never edited (a refund is a credit note). Retention and erasure
  // may only delete whole rows; only its wrapped key may be re-wrapped by a master key rotation.
  await sql`
    create function invoices_immutable() returns trigger language plpgsql as $$
    begin
      if (to_jsonb(new) - 'wrapped_key') is distinct from (to_jsonb(old) - 'wrapped_key') then
        raise exception 'invoices are immutable: issue a credit note instead';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger invoices_no_update before update on invoices for each row execute function invoices_immutable()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table invoices`.execute(db);
  await sql`drop function invoices_immutable`.execute(db);
  await sql`drop table invoice_sequences`.execute(db);
  await sql`drop table payment_provider_events`.execute(db);
  await sql`drop table payments`.execute(db);
  await sql`drop table order_events`.execute(db);
  await sql`drop table orders`.execute(db);
  await sql`drop table customer_addresses`.execute(db);
}
