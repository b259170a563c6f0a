import type { Principal, RequestContext } from '../../platform/http/index.js';
import { adjustQuote, decideQuote } from './decide-quote.js';
import { issueQuote, listQuotes } from './issue-quote.js';
import type { QuotesDeps } from './quotes.deps.js';

export type QuotesService = ReturnType<typeof createQuotesService>;

export function createQuotesService(deps: QuotesDeps) {
  return {
    issue: (p: Principal, projectId: string, ctx: RequestContext) => issueQuote(deps, p, projectId, ctx),
    list: (p: Principal, projectId: string, ctx: RequestContext) => listQuotes(deps, p, projectId, ctx),
    adjust: (p: Principal, quoteId: string, input: { amountCents: number; reason: string }, ctx: RequestContext) => adjustQuote(deps, p, quoteId, input, ctx),
    accept: (p: Principal, quoteId: string, ctx: RequestContext) => decideQuote(deps, p, quoteId, 'accepted', ctx),
    decline: (p: Principal, quoteId: string, ctx: RequestContext) => decideQuote(deps, p, quoteId, 'declined', ctx),
  };
}
