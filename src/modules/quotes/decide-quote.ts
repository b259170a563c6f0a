import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { applyStatusChange, notifyCustomer, projectLink } from '../projects/index.js';
import { adjustmentRefusal, decisionRefusal, requireQuoteAccess } from './quote-access.js';
import type { QuotesDeps } from './quotes.deps.js';
import { formatMoney, quotesMails } from './quotes.mails.js';
import * as store from './quotes.store.js';
import type { QuotesTables } from './quotes.tables.js';

/** Staff change an open quote's price; the reason is shown to the customer and the change is audited. */
export async function adjustQuote(deps: QuotesDeps, principal: Principal, quoteId: string, input: { amountCents: number; reason: string }, ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { quote, access } = await requireQuoteAccess(work, principal, quoteId);
    const refusal = adjustmentRefusal(access.as, quote.status);
    if (refusal) throw refusal;
    await store.adjustQuote(tablesOf<QuotesTables>(work), quoteId, { amountCents: input.amountCents, reason: input.reason, by: principal.userId, at: deps.now() });
    await work.audit({
      action: 'quotes.adjusted',
      subjectId: quote.customer_id,
      target: { type: 'quote', id: quoteId },
      details: { projectId: quote.project_id, fromCents: quote.amount_cents, toCents: input.amountCents, computedCents: quote.computed_cents },
    });
    const p = access.project;
    await notifyCustomer(work, deps, p, (name) =>
      quotesMails.adjusted(name, p.title, formatMoney(input.amountCents, quote.currency), input.reason, projectLink(deps.publicUrl, p.id)),
    );
  });
}

/** The customer's answer: accepting starts production; declining leaves the project quoted for a new offer. */
export async function decideQuote(deps: QuotesDeps, principal: Principal, quoteId: string, decision: 'accepted' | 'declined', ctx: RequestContext) {
  await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { quote, access } = await requireQuoteAccess(work, principal, quoteId);
    const refusal = decisionRefusal(access.as, quote.status);
    if (refusal) throw refusal;
    await store.decideQuote(tablesOf<QuotesTables>(work), quoteId, decision, deps.now());
    await work.audit({
      action: decision === 'accepted' ? 'quotes.accepted' : 'quotes.declined',
      subjectId: quote.customer_id,
      target: { type: 'quote', id: quoteId },
      details: { projectId: quote.project_id, amountCents: quote.amount_cents, currency: quote.currency },
    });
    if (decision === 'declined') return;
    const note = `Quote accepted: ${formatMoney(quote.amount_cents, quote.currency)}.`;
    await applyStatusChange(work, deps, access.project, 'in_production', { note });
  });
}
