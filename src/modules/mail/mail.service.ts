import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import { renderLayout, textToHtml, type MailMessage, type MailTransport, type MarketingTarget, type Sender } from '../../platform/mail/index.js';
import type { Logger } from '../../platform/log/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import * as store from './mail.store.js';
import type { MailTables } from './mail.tables.js';

export type MailService = ReturnType<typeof createMailService>;

/** A message as it is about to leave: what the gate is shown. */
export type DeliverableMail = { id: string; userId: string | null; to: string; kind: string; subject: string; text: string; marketing: MarketingTarget | null };

/**
 * Runs one delivery in a unit of work: asks whether the message may leave (the egress module's
 * `releaseMail`, which throws if not and records the hand-over), then `send`, which hands it to SMTP
 * and marks it sent in that same work. Wired in app.ts, since this module sits below egress.
 */
export type MailGate = (message: DeliverableMail, send: (work: Work) => Promise<void>) => Promise<void>;

/** Kinds a person writes (a staff member's answer): every other message is automatic (RFC 3834). */
const WRITTEN_BY_PEOPLE = new Set(['support.reply']);

/**
 * Every message is first written to the outbox in the caller's transaction (so a rolled-back
 * sign-up sends nothing), then, after commit when a relay is configured, passed through the gate to
 * SMTP. A refused or failed delivery rolls back its hand-over record, keeps the message unsent with
 * the reason in `last_error`, and never undoes the change that wrote it. Each message leaves with a
 * text and an HTML part (its kind's template's body in the house layout), from the operator's name
 * at the configured address, automatic ones marked `Auto-Submitted: auto-generated`.
 */
export function createMailService(deps: { db: Queryable<MailTables>; transport: MailTransport; sender: () => Promise<Sender>; now: () => Date; log: Logger; gate: MailGate }) {
  async function deliver(id: string) {
    if (deps.transport.kind === 'outbox-only') return;
    const row = await store.getOutbox(deps.db, id);
    if (!row || row.sent_at) return;
    const message = { id, userId: row.user_id, to: row.to_address, kind: row.kind, subject: row.subject, text: row.body_text, marketing: row.marketing_target ?? null };
    try {
      const from = await deps.sender();
      const html = renderLayout({ operatorName: from.name, subject: row.subject, bodyHtml: row.body_html ?? textToHtml(row.body_text) });
      const headers = { ...(row.headers ?? {}), ...(WRITTEN_BY_PEOPLE.has(row.kind) ? {} : { 'Auto-Submitted': 'auto-generated' }) };
      // SMTP inside the work: the log never shows a hand-over that failed, nor misses one that happened.
      await deps.gate(message, async (work) => {
        await deps.transport.send({ from, to: row.to_address, subject: row.subject, text: row.body_text, html, headers, ...(row.reply_to ? { replyTo: row.reply_to } : {}), ...(row.message_id ? { messageId: row.message_id } : {}) });
        await store.markSent(tablesOf<MailTables>(work), id, deps.now());
      });
    } catch (error) {
      deps.log.warn({ mailId: id, kind: row.kind, err: (error as Error).message }, 'mail not delivered');
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
        body_html: message.html ?? null,
        headers: message.headers ? JSON.stringify(message.headers) : null,
        kind: message.kind,
        created_at: deps.now(),
        sent_at: null,
        attempts: 0,
        last_error: null,
        reply_to: message.replyTo ?? null,
        message_id: message.messageId ?? null,
        marketing_target: message.marketing ? JSON.stringify(message.marketing) : null,
      });
      return () => deliver(id);
    },
    list: (opts: { limit: number; to?: string }) => store.listOutbox(deps.db, opts),
    get: (id: string) => store.getOutbox(deps.db, id),
  };
}
