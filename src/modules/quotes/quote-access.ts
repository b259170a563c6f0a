import { isAppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireProjectAccess } from '../projects/index.js';
import { quotesErrors } from './quotes.errors.js';
import * as store from './quotes.store.js';
import type { QuotesTables } from './quotes.tables.js';

/** A quote is visible to whoever may see its project; others get 404. Locks the project, then the quote. */
export async function requireQuoteAccess(work: Work, principal: Principal, quoteId: string) {
  const db = tablesOf<QuotesTables>(work);
  const found = await store.findQuote(db, quoteId);
  if (!found) throw quotesErrors.quoteNotFound();
  try {
    const access = await requireProjectAccess(work, principal, found.project_id, { lock: true });
    const quote = await store.findQuote(db, quoteId, { lock: true });
    if (!quote) throw quotesErrors.quoteNotFound();
    return { quote, access };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') throw quotesErrors.quoteNotFound();
    throw error;
  }
}
