export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** What a ticket is about, as the visitor picks it on the form (a routing aid, not a policy value). */
export const TICKET_TOPICS = ['question', 'project', 'billing', 'privacy', 'feedback', 'other'] as const;
export type TicketTopic = (typeof TICKET_TOPICS)[number];
/** in: from the person; out: a staff reply they receive; note: staff only. */
export const MESSAGE_KINDS = ['in', 'out', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageVia = 'web' | 'mail';

export interface SupportTables {
  support_tickets: {
    id: string;
    /** The secret part of the ticket's reply address (support+<token>@domain): a reply carrying it threads here. */
    token: string;
    customer_id: string | null;
    name: string | null;
    email: string;
    topic: TicketTopic;
    status: TicketStatus;
    assignee_id: string | null;
    /** How the ticket arrived: the contact form or an e-mail to the support address. */
    origin: MessageVia;
    /** Null until the visitor confirmed their address by the e-mailed link: staff do not see it before. */
    confirmed_at: Date | null;
    created_at: Date;
    last_message_at: Date;
    resolved_at: Date | null;
    closed_at: Date | null;
    /** The privacy request an officer turned this ticket into. */
    rights_request_id: string | null;
  };
  support_messages: {
    id: string;
    ticket_id: string;
    kind: MessageKind;
    via: MessageVia;
    author_id: string | null;
    body: string;
    /** The Message-ID of the e-mail (received, or sent for a reply): In-Reply-To / References thread by it. */
    mail_message_id: string | null;
    created_at: Date;
  };
  support_attachments: {
    id: string;
    ticket_id: string;
    message_id: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    wrapped_key: string;
    storage_key: string;
    created_at: Date;
  };
  support_canned_replies: {
    id: string;
    title: string;
    body: string;
    created_by: string | null;
    created_at: Date;
  };
  /** Solved spam challenges, kept until they expire so one solution is never used twice. */
  support_spent_challenges: {
    signature: string;
    expires_at: Date;
  };
}

export type TicketRow = SupportTables['support_tickets'];
export type MessageRow = SupportTables['support_messages'];
export type AttachmentRow = SupportTables['support_attachments'];
