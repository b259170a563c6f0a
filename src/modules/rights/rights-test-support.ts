import { createServer, type Server, type Socket } from 'node:net';
import { sql, type Kysely } from 'kysely';
import yauzl from 'yauzl';
import { installationRegistry } from '../../registry.js';
import type { TestApp } from '../../test-support/test-app.js';
import { isPersonal } from '../../platform/registry/index.js';

export type CapturedMail = { to: string[]; data: string; at: number };

/**
 * A tiny SMTP server on 127.0.0.1 that accepts every message and keeps it, so a test can see what
 * was actually handed over to a relay (and when) — the outbox alone is erased with the person.
 */
export async function startSmtpCatcher(): Promise<{ url: string; messages: CapturedMail[]; close(): Promise<void> }> {
  const messages: CapturedMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let data = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 catcher ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push({ to, data, at: Date.now() });
          to = [];
          data = '';
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl === -1) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 catcher');
        else if (verb === 'MAIL') reply('250 OK');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 OK');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Entries of a ZIP held in memory, read with yauzl as any unzip program would. */
export async function unzipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', () => resolve());
    file.on('entry', (entry: yauzl.Entry) => {
      file
        .openReadStreamPromise(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          entries.set(entry.fileName, Buffer.concat(chunks));
          file.readEntry();
        })
        .catch(reject);
    });
    file.readEntry();
  });
  file.close();
  return entries;
}

/** Inserts a quote as the quotes module would after a customer accepted it (an accounting record). */
export async function insertAcceptedQuote(app: TestApp, projectId: string, customerId: string, createdAt: Date) {
  await sql`insert into quotes (id, project_id, customer_id, status, currency, computed_cents, amount_cents, breakdown, created_at, decided_at)
    values (gen_random_uuid(), ${projectId}, ${customerId}, 'accepted', 'EUR', 12000, 12000, ${JSON.stringify({ lines: [] })}::jsonb, ${createdAt}, ${createdAt})`.execute(app.db);
}

/**
 * Gives `userId` about `rows` rows spread over five tables (projects, notifications, project messages,
 * outbox mail, status events), bulk-inserted in SQL: the erasure benchmark's and crash test's person.
 */
export async function seedBulkRows(db: Kysely<unknown>, userId: string, rows: number) {
  const projects = Math.max(1, Math.floor(rows / 10_000));
  const share = Math.floor((rows - projects) / 4);
  const projectIds = sql`(select array_agg(id order by id) as a from projects where customer_id = ${userId}) ps`;
  await sql`insert into projects (id, customer_id, title, process, material, quantity, units, status, created_at, updated_at)
    select gen_random_uuid(), ${userId}, 'p' || g, 'FDM', 'pla', 1, 'mm', 'received', now(), now() from generate_series(1, ${projects}) g`.execute(db);
  await sql`insert into notifications (id, user_id, project_id, kind, title, body, created_at)
    select gen_random_uuid(), ${userId}, null, 'bench', 'title ' || g, 'body ' || g, now() from generate_series(1, ${share}) g`.execute(db);
  await sql`insert into project_messages (id, project_id, author_id, author_role, body, created_at)
    select gen_random_uuid(), ps.a[1 + g % ${projects}], ${userId}, 'customer', 'message ' || g, now() from generate_series(1, ${share}) g, ${projectIds}`.execute(db);
  await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts)
    select gen_random_uuid(), ${userId}, ${`${userId}@example.com`}, 's ' || g, 'b ' || g, 'bench', now(), 0 from generate_series(1, ${share}) g`.execute(db);
  await sql`insert into project_status_events (id, project_id, from_status, to_status, actor_id, actor_role, at)
    select gen_random_uuid(), ps.a[1 + g % ${projects}], 'received', 'in_review', ${userId}, 'customer', now() from generate_series(1, ${rows - projects - 3 * share}) g, ${projectIds}`.execute(db);
}

/** How many of the rows `seedBulkRows` makes are still there. */
export async function countBulkRows(db: Kysely<unknown>, userId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select (select count(*) from projects where customer_id = ${userId}) + (select count(*) from notifications where user_id = ${userId})
    + (select count(*) from project_messages where author_id = ${userId}) + (select count(*) from mail_outbox where user_id = ${userId})
    + (select count(*) from project_status_events where actor_id = ${userId}) as n`.execute(db);
  return Number(rows[0]?.n);
}

/**
 * Scans every column of every registry table for each of `values` (a person's id, address, words they
 * wrote): what an erasure left behind, except values in columns kept with a stated reason.
 */
export async function valuesLeftBehind(db: Kysely<unknown>, values: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [table, entry] of Object.entries(installationRegistry())) {
    const keptForDuty = Object.values(entry.columns).some((c) => isPersonal(c) && c.erase === 'keep-legal-duty');
    for (const [column, def] of Object.entries(entry.columns)) {
      for (const value of values) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)}::text ilike ${`%${value}%`}`.execute(db);
        if (!r.rows[0]?.n) continue;
        const allowed = isPersonal(def) && ((def.erase === 'keep-legal-duty' && !!def.keepReason) || (def.erase === 'keep-with-row' && keptForDuty));
        if (!allowed) found.push(`${table}.${column} holds "${value}"`);
      }
    }
  }
  return found;
}
