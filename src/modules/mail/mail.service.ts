import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import type { MailMessage, MailTransport } from '../../platform/mail/index.js';
import type { Logger } from '../../platform/log/index.js';
import * as store from './mail.store.js';
import type { MailTables } from './mail.tables.js';

export type MailService = ReturnType<typeof createMailService>;

/**
 * Every message is first written to the outbox in the caller's transaction (so a rolled-back
 * sign-up sends nothing), then handed to SMTP after commit when a relay is configured.
 */
export function createMailService(deps: { db: Queryable<MailTables>; transport: MailTransport; from: string; now: () => Date; log: Logger }) {
  async function deliver(id: string) {
    if (deps.transport.kind === 'outbox-only') return;
    const row = await store.getOutbox(deps.db, id);
    if (!row || row.sent_at) return;
    try {
      await deps.transport.send({ from: deps.from, to: row.to_address, subject: row.subject, text: row.body_text });
      await store.markSent(deps.db, id, deps.now());
    } catch (error) {
      deps.log.warn({ mailId: id, kind: row.kind, err: (error as Error).message }, 'mail delivery failed');
      await store.markFailed(deps.db, id, (error as Error).message);
    }
  }

  return {
    /** Queues a message inside `trx`; returns a function to call after commit that delivers it. */
    async enqueue(trx: Queryable<MailTables>, message: MailMessage): Promise<() => Promise<void>> {
      const id = randomUUID();
      await store.insertOutbox(trx, {
        id,
        user_id: message.userId ?? null,
        to_address: message.to.toLowerCase(),
        subject: message.subject,
        body_text: message.text,
        kind: message.kind,
        created_at: deps.now(),
        sent_at: null,
        attempts: 0,
        last_error: null,
      });
      return () => deliver(id);
    },
    list: (opts: { limit: number; to?: string }) => store.listOutbox(deps.db, opts),
    get: (id: string) => store.getOutbox(deps.db, id),
  };
}
