import type { ProjectAccess } from '../projects/index.js';
import { adjustmentRefusal, decisionRefusal } from './quote-access.js';
import type { QuoteRow } from './quotes.tables.js';

/** A quote as `as` sees it, with what they may do with it from the rules decide-quote.ts enforces. */
export function presentQuote(q: QuoteRow, as: ProjectAccess['as']) {
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
    canAccept: decisionRefusal(as, q.status) === null,
    canDecline: decisionRefusal(as, q.status) === null,
    canAdjust: adjustmentRefusal(as, q.status) === null,
  };
}
