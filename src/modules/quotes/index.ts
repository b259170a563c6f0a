export { quotesUseCases, type QuotesService } from './quotes.use-cases.js';
export { registerQuotesRoutes, type QuotesRoutesDeps } from './quotes.routes.js';
export { computeQuote, type TQuoteBreakdown, type TQuoteLine, type QuotableFile } from './compute-quote.js';
export type { QuotesDeps } from './quotes.deps.js';
export type { QuoteStatus } from './quotes.tables.js';
export { quotesData } from './personal-data.js';
export { quoteForOrder } from './quote-for-order.js';
