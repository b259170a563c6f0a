import { sql, type Kysely } from 'kysely';

/** The support desk: tickets from the contact form and e-mail, their messages and attachments, canned replies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_tickets (
      id uuid primary key,
      token text not null unique,
      customer_id uuid references users (id) on delete set null,
      name text,
      email text not null,
      topic text not null,
      status text not null check (status in ('open', 'pending', 'resolved', 'closed')),
      assignee_id uuid references users (id) on delete set null,
      origin text not null check (origin in ('web', 'mail')),
      confirmed_at timestamptz,
      created_at timestamptz not null,
      last_message_at timestamptz not null,
      resolved_at timestamptz,
      closed_at timestamptz,
      rights_request_id uuid
    )`.execute(db);
  await sql`create index support_tickets_inbox on support_tickets (status, last_message_at desc) where confirmed_at is not null`.execute(db);
  await sql`create index support_tickets_customer on support_tickets (customer_id)`.execute(db);
  await sql`create index support_tickets_email on support_tickets (lower(email))`.execute(db);
  await sql`
    create table support_messages (
      id uuid primary key,
      ticket_id uuid not null references support_tickets (id) on delete cascade,
      kind text not null check (kind in ('in', 'out', 'note')),
      via text not null check (via in ('web', 'mail')),
      author_id uuid references users (id) on delete set null,
      body text not null,
      mail_message_id text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index support_messages_ticket on support_messages (ticket_id, created_at)`.execute(db);
  await sql`create index support_messages_mail_id on support_messages (mail_message_id) where mail_message_id is not null`.execute(db);
  await sql`
    create table support_attachments (
      id uuid primary key,
      ticket_id uuid not null references support_tickets (id) on delete cascade,
      message_id uuid not null references support_messages (id) on delete cascade,
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 text not null,
      wrapped_key text not null,
      storage_key text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index support_attachments_message on support_attachments (message_id)`.execute(db);
  await sql`
    create table support_canned_replies (
      id uuid primary key,
      title text not null,
      body text not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create table support_spent_challenges (signature text primary key, expires_at timestamptz not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table support_spent_challenges, support_canned_replies, support_attachments, support_messages, support_tickets`.execute(db);
}
