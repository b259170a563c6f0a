import { sql, type Kysely } from 'kysely';

/**
 * Subscriptions: plans (a period and a price, optionally a licence policy), the customers' subscriptions
 * and one charge per period. Charges are accounting records kept under a legal duty after their
 * customer is erased, so they carry the ids as plain columns, without cascading foreign keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subscription_plans (
      id uuid primary key,
      code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      period text not null check (period ~ '^P'),
      price_cents integer not null check (price_cents > 0),
      currency text not null check (currency ~ '^[A-Z]{3}$'),
      licensing_policy_id uuid references licensing_policies (id),
      active boolean not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table subscriptions (
      id uuid primary key,
      number text not null unique,
      plan_id uuid not null references subscription_plans (id),
      customer_id uuid not null references users (id) on delete cascade,
      status text not null check (status in ('incomplete', 'active', 'past_due', 'canceled', 'expired')),
      provider text not null check (provider in ('bank_transfer', 'stripe')),
      payment_method_ref text,
      billing_address jsonb not null,
      licence_id uuid,
      period_index integer not null,
      current_period_start timestamptz,
      current_period_end timestamptz,
      cancel_at_period_end boolean not null,
      reminded_period integer,
      past_due_since timestamptz,
      ended_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index subscriptions_customer_idx on subscriptions (customer_id, created_at)`.execute(db);
  await sql`create index subscriptions_due_idx on subscriptions (status, current_period_end)`.execute(db);
  await sql`
    create table subscription_charges (
      id uuid primary key,
      subscription_id uuid not null,
      customer_id uuid not null,
      period_index integer not null,
      amount_cents integer not null,
      currency text not null,
      provider text not null check (provider in ('bank_transfer', 'stripe')),
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      provider_ref text,
      provider_payment_ref text,
      invoice_id uuid,
      recorded_by uuid,
      created_at timestamptz not null,
      settled_at timestamptz
    )`.execute(db);
  await sql`create index subscription_charges_subscription_idx on subscription_charges (subscription_id, period_index)`.execute(db);
  await sql`create index subscription_charges_ref_idx on subscription_charges (provider, provider_ref)`.execute(db);
  // One succeeded charge per period at most: a renewal retried after a crash never bills twice.
  await sql`create unique index subscription_charges_paid_once on subscription_charges (subscription_id, period_index) where status = 'succeeded'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['subscription_charges', 'subscriptions', 'subscription_plans']) await sql`drop table ${sql.table(table)}`.execute(db);
}
