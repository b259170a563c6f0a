import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { findUsersContact } from '../accounts/index.js';
import type { TTicket, TTicketSummary } from './support.schema.js';
import * as store from './support.store.js';
import type { SupportTables, TicketRow } from './support.tables.js';

async function namesOf(work: Work, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return new Map();
  return new Map((await findUsersContact(work, wanted)).map((u) => [u.id, u.name]));
}

function summary(row: TicketRow, names: Map<string, string>): TTicketSummary {
  return {
    id: row.id,
    status: row.status,
    topic: row.topic,
    name: row.name,
    email: row.email,
    origin: row.origin,
    assignee: row.assignee_id ? { id: row.assignee_id, name: names.get(row.assignee_id) ?? '' } : null,
    hasAccount: row.customer_id !== null,
    createdAt: row.created_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
    rightsRequestId: row.rights_request_id,
  };
}

export async function presentSummaries(work: Work, rows: TicketRow[]): Promise<TTicketSummary[]> {
  const names = await namesOf(work, rows.map((r) => r.assignee_id));
  return rows.map((r) => summary(r, names));
}

/** A ticket with its conversation; the person never sees the staff's internal notes. */
export async function presentTicket(work: Work, row: TicketRow, audience: 'staff' | 'customer'): Promise<TTicket> {
  const db = tablesOf<SupportTables>(work);
  const messages = (await store.listMessages(db, row.id)).filter((m) => audience === 'staff' || m.kind !== 'note');
  const attachments = await store.listAttachments(db, row.id);
  const names = await namesOf(work, [row.assignee_id, ...messages.map((m) => m.author_id)]);
  return {
    ...summary(row, names),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      via: m.via,
      author: m.kind === 'in' ? (row.name ?? row.email) : m.author_id ? (names.get(m.author_id) ?? 'Support') : 'Support',
      body: m.body,
      createdAt: m.created_at.toISOString(),
      attachments: attachments.filter((a) => a.message_id === m.id).map((a) => ({ id: a.id, name: a.file_name, contentType: a.content_type, sizeBytes: Number(a.size_bytes) })),
    })),
  };
}
