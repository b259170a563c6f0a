import { z } from 'zod';
import { REQUEST_KINDS } from '../rights-requests/index.js';
import { MESSAGE_KINDS, TICKET_STATUSES, TICKET_TOPICS } from './support.tables.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const ZAttachmentInput = z.strictObject({
  name: text(200),
  contentType: z.string().trim().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as image/png').default('application/octet-stream'),
  /** The file's bytes, base64-encoded. */
  data: z.string().max(50_000_000),
});
export type TAttachmentInput = z.infer<typeof ZAttachmentInput>;

export const ZContactForm = z.strictObject({
  /** Asked only while the policy in force declares contact.name. */
  name: text(200).optional(),
  email: z.email({ error: 'expected an e-mail address such as you@example.com' }).max(254),
  topic: z.enum(TICKET_TOPICS, { error: `expected a topic: one of ${TICKET_TOPICS.join(', ')}` }),
  message: text(20_000),
  attachments: z.array(ZAttachmentInput).max(20).optional(),
  /** The solved proof-of-work challenge (base64 JSON of { challenge, solution }). */
  challenge: z.string().max(10_000).optional(),
});
export type TContactForm = z.infer<typeof ZContactForm>;

export const ZContactFormOptions = z.object({
  fields: z.object({ name: z.boolean() }),
  topics: z.array(z.enum(TICKET_TOPICS)),
  attachments: z.object({ maxBytes: z.number(), maxCount: z.number() }),
});

export const ZConfirmContact = z.strictObject({ ticket: z.uuid(), expires: z.coerce.number().int().positive(), signature: z.string().min(10).max(200) });

export const ZAttachmentView = z.object({ id: z.uuid(), name: z.string(), contentType: z.string(), sizeBytes: z.number() });
export const ZMessageView = z.object({
  id: z.uuid(),
  kind: z.enum(MESSAGE_KINDS),
  via: z.enum(['web', 'mail']),
  author: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
  attachments: z.array(ZAttachmentView),
});
export const ZTicketSummary = z.object({
  id: z.uuid(),
  status: z.enum(TICKET_STATUSES),
  topic: z.enum(TICKET_TOPICS),
  name: z.string().nullable(),
  email: z.string(),
  origin: z.enum(['web', 'mail']),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  hasAccount: z.boolean(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  rightsRequestId: z.uuid().nullable(),
});
export const ZTicket = ZTicketSummary.extend({ messages: z.array(ZMessageView) });
export type TTicketSummary = z.infer<typeof ZTicketSummary>;
export type TTicket = z.infer<typeof ZTicket>;

export const ZInboxQuery = z.strictObject({
  status: z.enum([...TICKET_STATUSES, 'active']).optional(),
  topic: z.enum(TICKET_TOPICS).optional(),
  /** 'me', 'unassigned' or a staff member's id. */
  assignee: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TInboxQuery = z.infer<typeof ZInboxQuery>;

export const ZStaffMessage = z.strictObject({
  kind: z.enum(['reply', 'note']),
  body: text(20_000),
});
export const ZCustomerMessage = z.strictObject({ body: text(20_000), attachments: z.array(ZAttachmentInput).max(20).optional() });

export const ZTicketChange = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional(),
    topic: z.enum(TICKET_TOPICS).optional(),
    /** A staff member's id, or null to unassign. */
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.topic !== undefined || v.assigneeId !== undefined, 'say what to change: status, topic or assigneeId');
export type TTicketChange = z.infer<typeof ZTicketChange>;

export const ZCannedReplyInput = z.strictObject({ title: text(200), body: text(20_000) });
export const ZCannedReply = z.object({ id: z.uuid(), title: z.string(), body: z.string(), createdAt: z.string() });

export const ZToPrivacyRequest = z.strictObject({
  kind: z.enum(REQUEST_KINDS, { error: `expected a request type: one of ${REQUEST_KINDS.join(', ')}` }),
  jurisdiction: z.string().trim().min(1).max(64),
});
export type TToPrivacyRequest = z.infer<typeof ZToPrivacyRequest>;
