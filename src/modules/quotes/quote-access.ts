import { isAppError, type AppError } from '../../platform/errors/index.js';
import type { Principal } from '../../platform/http/index.js';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { requireProjectAccess, type ProjectAccess, type ProjectStatus } from '../projects/index.js';
import { quotesErrors } from './quotes.errors.js';
import * as store from './quotes.store.js';
import type { QuoteRow, QuotesTables } from './quotes.tables.js';

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

type Viewer = ProjectAccess['as'];

/** Quotes are made before production starts. */
export function isQuotable(status: ProjectStatus): boolean {
  return QUOTABLE.has(status);
}
const QUOTABLE: ReadonlySet<ProjectStatus> = new Set(['received', 'in_review', 'quoted']);

/** Whether asking for an instant quote can work now: the project is quotable and has a file to price. */
export function mayRequestQuote(status: ProjectStatus, files: readonly { status: string }[]): boolean {
  return isQuotable(status) && files.some((f) => f.status === 'analysed');
}

/** Why `as` may not accept or decline the quote, or null when they may: only its customer, only while open. */
export function decisionRefusal(as: Viewer, status: QuoteRow['status']): AppError | null {
  if (as !== 'customer') return quotesErrors.customerOnly();
  if (status !== 'offered') return quotesErrors.notOffered(status);
  return null;
}

/** Why `as` may not change the quote's price, or null when they may: the staff on the project, while it is open. */
export function adjustmentRefusal(as: Viewer, status: QuoteRow['status']): AppError | null {
  if (as === 'customer') return quotesErrors.customerOnly();
  if (status !== 'offered') return quotesErrors.notOffered(status);
  return null;
}
