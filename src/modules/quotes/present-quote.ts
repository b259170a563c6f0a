import type { QuoteRow } from './quotes.tables.js';

export function presentQuote(q: QuoteRow) {
  return {
    id: q.id,
    projectId: q.project_id,
    status: q.status,
    currency: q.currency,
    /** What the customer pays: the computed price, or the staff's adjusted one. */
    amountCents: q.amount_cents,
    computedCents: q.computed_cents,
    adjusted: q.adjusted_at !== null,
    adjustmentReason: q.adjustment_reason,
    adjustedAt: q.adjusted_at,
    breakdown: q.breakdown,
    createdAt: q.created_at,
    decidedAt: q.decided_at,
  };
}
