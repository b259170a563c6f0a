import type { Principal } from '../../platform/http/index.js';
import type { Work } from '../../platform/unit-of-work/index.js';
import { requireQuoteAccess } from './quote-access.js';

/**
 * A quote as an order starts from it, for whoever may see its project (others get 404), with the
 * project locked: what was accepted, by whom, at what price and how it was made up.
 */
export async function quoteForOrder(work: Work, principal: Principal, quoteId: string) {
  const { quote, access } = await requireQuoteAccess(work, principal, quoteId);
  return {
    access,
    quote: { id: quote.id, projectId: quote.project_id, customerId: quote.customer_id, status: quote.status, currency: quote.currency, amountCents: quote.amount_cents, breakdown: quote.breakdown },
  };
}
