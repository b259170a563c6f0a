import type { JSONColumnType, Selectable } from 'kysely';
import type { TQuoteBreakdown } from './compute-quote.js';

export type QuoteStatus = 'offered' | 'accepted' | 'declined' | 'superseded';

export interface QuotesTables {
  quotes: {
    id: string;
    project_id: string;
    customer_id: string;
    status: QuoteStatus;
    currency: string;
    computed_cents: number;
    amount_cents: number;
    breakdown: JSONColumnType<TQuoteBreakdown, string, string>;
    adjustment_reason: string | null;
    adjusted_by: string | null;
    adjusted_at: Date | null;
    created_by: string | null;
    created_at: Date;
    decided_at: Date | null;
  };
}

export type QuoteRow = Selectable<QuotesTables['quotes']>;
