import { randomUUID } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import { tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContactByEmail } from '../accounts/index.js';
import type { IncomingFile } from './attachments.js';
import { storeAttachments } from './attachments.js';
import { bodyText } from './mail-text.js';
import { addInboundMessage } from './post-message.js';
import { isSupportAddress, replyAddressOf, createTicketToken, tokenOfAddress } from './reply-address.js';
import type { SupportDeps } from './support.deps.js';
import * as store from './support.store.js';
import type { SupportTables, TicketRow } from './support.tables.js';
import { supportMails } from './support.mails.js';

export type InboundEnvelope = { from: string | null; to: string[] };
export type InboundOutcome = { outcome: 'threaded' | 'created' | 'ignored'; ticketId: string | null };

const MAIL_ACTOR = { id: null, role: 'inbound-mail' };

const addresses = (field: AddressObject | AddressObject[] | undefined) => (field ? (Array.isArray(field) ? field : [field]) : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

/**
 * An e-mail the SMTP listener received for the support address (wired in app.ts). It threads into a
 * ticket by the reply address it was sent to (support+<token>@…), else by In-Reply-To/References to
 * one of our messages (only from the ticket's own address); otherwise it opens a ticket. Attachments
 * go to the vault; automatic replies (out-of-office, bounces) are ignored so two robots never loop.
 */
export async function receiveMail(deps: SupportDeps, raw: Buffer, envelope: InboundEnvelope): Promise<InboundOutcome> {
  // mailparser loads with the first message received, not when the server starts.
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  const auto = parsed.headers.get('auto-submitted');
  const from = (parsed.from?.value[0]?.address ?? envelope.from ?? '').trim().toLowerCase();
  if (!from || (typeof auto === 'string' && auto.toLowerCase() !== 'no') || isSupportAddress(deps.settings.address, from)) return { outcome: 'ignored', ticketId: null };
  const recipients = [...envelope.to, ...addresses(parsed.to), ...addresses(parsed.cc)];
  const token = recipients.map((a) => tokenOfAddress(deps.settings.address, a)).find((t) => t !== null) ?? null;
  const references = [parsed.inReplyTo, ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])].filter((r): r is string => typeof r === 'string' && r.length > 0);
  const { files, dropped } = keptAttachments(deps, parsed.attachments);
  const text = bodyText(parsed) + (dropped.length ? `\n\n[Not kept, larger than allowed: ${dropped.join(', ')}]` : '');
  const body = text.length > 0 ? text.slice(0, 20_000) : '(no text)';
  const values = await deps.policy.values();
  const senderName = values.isDeclared('contact.name') ? (parsed.from?.value[0]?.name?.trim().slice(0, 200) ?? null) || null : null;

  return deps.uow.run({ actor: MAIL_ACTOR }, async (work) => {
    const db = tablesOf<SupportTables>(work);
    let ticket: TicketRow | undefined = token ? await store.findTicketByToken(db, token) : undefined;
    if (!ticket) {
      const referenced = await store.findTicketByMailIds(db, references);
      if (referenced && referenced.email.toLowerCase() === from) ticket = referenced;
    }
    const at = deps.now();
    if (ticket) {
      await addInboundMessage(deps, work, ticket, { body, via: 'mail', authorId: null, mailMessageId: parsed.messageId ?? null, files, at });
      return { outcome: 'threaded', ticketId: ticket.id } as const;
    }
    const account = await findUserContactByEmail(work, from);
    const id = randomUUID();
    const newToken = createTicketToken();
    // An e-mail proves as much about its sender as a confirmed form: staff see it at once.
    await store.insertTicket(db, { id, token: newToken, customer_id: account?.id ?? null, name: senderName, email: from, topic: 'other', status: 'open', assignee_id: null, origin: 'mail', confirmed_at: at, created_at: at, last_message_at: at, resolved_at: null, closed_at: null, rights_request_id: null });
    const messageId = randomUUID();
    await store.insertMessage(db, { id: messageId, ticket_id: id, kind: 'in', via: 'mail', author_id: null, body, mail_message_id: parsed.messageId ?? null, created_at: at });
    await storeAttachments(deps, work, id, messageId, files);
    await work.audit({ action: 'support.ticket_received', subjectId: account?.id ?? null, target: { type: 'support_ticket', id }, details: { origin: 'mail', attachments: files.length } });
    await work.mail({ to: from, userId: account?.id ?? null, replyTo: replyAddressOf(deps.settings.address, newToken), ...supportMails.ticketReceived({ subject: `Re: ${(parsed.subject ?? 'your message').slice(0, 150)}`, ticketUrl: null }) });
    return { outcome: 'created', ticketId: id } as const;
  });
}

function keptAttachments(deps: Pick<SupportDeps, 'settings'>, attachments: Array<{ filename?: string | undefined; contentType: string; content: Buffer; related?: boolean | undefined }>) {
  const files: IncomingFile[] = [];
  const dropped: string[] = [];
  for (const a of attachments) {
    const name = a.filename ?? 'attachment';
    if (a.related) continue; // inline images of an HTML body: the text is what is kept
    if (a.content.length > deps.settings.attachmentMaxBytes || files.length >= deps.settings.attachmentMaxCount) dropped.push(name);
    else files.push({ name, contentType: a.contentType, bytes: a.content });
  }
  return { files, dropped };
}
