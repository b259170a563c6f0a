import type { Queryable } from '../../platform/db/index.js';
import type { MailTables } from './mail.tables.js';

export async function findNewestMailId(db: Queryable<MailTables>, userId: string, kind: string): Promise<string | null> {
  const row = await db.selectFrom('mail_outbox').select('id').where('user_id', '=', userId).where('kind', '=', kind).orderBy('created_at', 'desc').executeTakeFirst();
  return row?.id ?? null;
}
