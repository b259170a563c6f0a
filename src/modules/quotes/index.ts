export { createQuotesService, type QuotesService } from './quotes.service.js';
export { registerQuotesRoutes, type QuotesRoutesDeps } from './quotes.routes.js';
export { computeQuote, type TQuoteBreakdown, type TQuoteLine, type QuotableFile } from './compute-quote.js';
export type { QuotesDeps, QuotesDb } from './quotes.deps.js';
export type { QuotesTables, QuoteStatus } from './quotes.tables.js';
export { quotesData } from './personal-data.js';
