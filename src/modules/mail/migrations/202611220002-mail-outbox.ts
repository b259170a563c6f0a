import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_outbox (
      id uuid primary key,
      user_id uuid,
      to_address text not null,
      subject text not null,
      body_text text not null,
      kind text not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      attempts int not null default 0,
      last_error text
    )`.execute(db);
  await sql`create index mail_outbox_created_idx on mail_outbox (created_at desc)`.execute(db);
  await sql`create index mail_outbox_user_idx on mail_outbox (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mail_outbox`.execute(db);
}
