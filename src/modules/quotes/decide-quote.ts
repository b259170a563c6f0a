import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { applyStatusChange, notifyCustomer, projectLink, type Delivery } from '../projects/index.js';
import { adjustmentRefusal, decisionRefusal, requireQuoteAccess } from './quote-access.js';
import type { QuotesDeps } from './quotes.deps.js';
import { formatMoney, quotesMails } from './quotes.mails.js';
import * as store from './quotes.store.js';

/** Staff change an open quote's price; the reason is shown to the customer and the change is audited. */
export async function adjustQuote(deps: QuotesDeps, principal: Principal, quoteId: string, input: { amountCents: number; reason: string }, ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx) => {
    const { quote, access } = await requireQuoteAccess(trx, principal, quoteId);
    const refusal = adjustmentRefusal(access.as, quote.status);
    if (refusal) throw refusal;
    await store.adjustQuote(trx, quoteId, { amountCents: input.amountCents, reason: input.reason, by: principal.userId, at: deps.now() });
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'quotes.adjusted',
      subjectId: quote.customer_id,
      target: { type: 'quote', id: quoteId },
      requestId: ctx.requestId,
      details: { projectId: quote.project_id, fromCents: quote.amount_cents, toCents: input.amountCents, computedCents: quote.computed_cents },
    });
    const p = access.project;
    return notifyCustomer(trx, deps, p, (name) =>
      quotesMails.adjusted(name, p.title, formatMoney(input.amountCents, quote.currency), input.reason, projectLink(deps.publicUrl, p.id)),
    );
  });
  for (const deliver of deliveries) await deliver();
}

/** The customer's answer: accepting starts production; declining leaves the project quoted for a new offer. */
export async function decideQuote(deps: QuotesDeps, principal: Principal, quoteId: string, decision: 'accepted' | 'declined', ctx: RequestContext) {
  const deliveries = await deps.db.transaction().execute(async (trx): Promise<Delivery[]> => {
    const { quote, access } = await requireQuoteAccess(trx, principal, quoteId);
    const refusal = decisionRefusal(access.as, quote.status);
    if (refusal) throw refusal;
    await store.decideQuote(trx, quoteId, decision, deps.now());
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: decision === 'accepted' ? 'quotes.accepted' : 'quotes.declined',
      subjectId: quote.customer_id,
      target: { type: 'quote', id: quoteId },
      requestId: ctx.requestId,
      details: { projectId: quote.project_id, amountCents: quote.amount_cents, currency: quote.currency },
    });
    if (decision === 'declined') return [];
    const note = `Quote accepted: ${formatMoney(quote.amount_cents, quote.currency)}.`;
    return applyStatusChange(trx, deps, access.project, 'in_production', { actor: access.actor, note, requestId: ctx.requestId });
  });
  for (const deliver of deliveries) await deliver();
}
