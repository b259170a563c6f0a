import type { MarketingTarget } from '../../platform/mail/index.js';
import type { ColumnType } from 'kysely';

export interface MailTables {
  mail_outbox: {
    id: string;
    user_id: string | null;
    to_address: string;
    subject: string;
    body_text: string;
    kind: string;
    created_at: Date;
    sent_at: Date | null;
    attempts: number;
    last_error: string | null;
    reply_to: string | null;
    message_id: string | null;
    /** The HTML body its kind's template rendered, laid out at delivery; null: the text is laid out. */
    body_html: string | null;
    headers: ColumnType<Record<string, string> | null, string | null, string | null>;
    /** A marketing message's purpose, topic and channel; null for any other kind. */
    marketing_target: ColumnType<MarketingTarget | null, string | null, string | null>;
  };
}
