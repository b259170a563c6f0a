import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { adjustQuote, decideQuote } from './decide-quote.js';
import { issueQuote, listQuotes } from './issue-quote.js';
import type { QuotesDeps } from './quotes.deps.js';

/** The quote use-cases; the app binds them to their deps once (`app.services.quotes`). Routes pass the decision to `decide`. */
export const quotesUseCases = {
  issue: issueQuote,
  list: listQuotes,
  adjust: adjustQuote,
  decide: decideQuote,
};

export type QuotesService = BoundUseCases<QuotesDeps, typeof quotesUseCases>;
