import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { ZBuildVolumeFit, ZModelAnalysis } from '../models/index.js';
import { applyStatusChange, auditStaffRead, notifyCustomer, projectLink, requireProjectAccess } from '../projects/index.js';
import { computeQuote, type QuotableFile } from './compute-quote.js';
import type { QuotesDeps } from './quotes.deps.js';
import { quotesErrors } from './quotes.errors.js';
import { formatMoney, quotesMails } from './quotes.mails.js';
import * as store from './quotes.store.js';
import { presentQuote } from './present-quote.js';
import { isQuotable, mayRequestQuote } from './quote-access.js';

/**
 * The instant quote: priced from the analysed files at once, for the customer or the staff on the
 * project. It replaces any open quote; the project becomes quoted and its customer is told.
 */
export async function issueQuote(deps: QuotesDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  const id = randomUUID();
  const { quote, deliveries, as } = await deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId, { lock: true });
    const project = access.project;
    if (!isQuotable(project.status)) throw quotesErrors.notQuotable(project.status);
    const files = await store.listProjectFiles(trx, projectId);
    const pending = files.filter((f) => f.status === 'uploaded').map((f) => f.original_name);
    if (pending.length > 0) throw quotesErrors.analysisPending(pending);
    const quotable: QuotableFile[] = files
      .filter((f) => f.status === 'analysed')
      .map((f) => ({ id: f.id, name: f.original_name, analysis: ZModelAnalysis.parse(f.analysis), fits: ZBuildVolumeFit.array().parse(f.build_volume_fit) }));
    const excluded = files.filter((f) => f.status === 'rejected').map((f) => f.original_name);
    const priced = computeQuote(deps.operator, project, quotable, excluded);
    const now = deps.now();
    await store.supersedeOpenQuotes(trx, projectId, now);
    await store.insertQuote(trx, {
      id,
      project_id: projectId,
      customer_id: project.customer_id,
      status: 'offered',
      currency: priced.currency,
      computed_cents: priced.totalCents,
      amount_cents: priced.totalCents,
      breakdown: priced.breakdown,
      adjustment_reason: null,
      adjusted_by: null,
      adjusted_at: null,
      created_by: principal.userId,
      created_at: now,
      decided_at: null,
    });
    await recordAudit(trx, deps, {
      actor: access.actor,
      action: 'quotes.issued',
      subjectId: project.customer_id,
      target: { type: 'quote', id },
      requestId: ctx.requestId,
      details: { projectId, amountCents: priced.totalCents, currency: priced.currency },
    });
    const deliveries =
      project.status === 'quoted'
        ? await notifyCustomer(trx, deps, project, (name) =>
            quotesMails.newQuote(name, project.title, formatMoney(priced.totalCents, priced.currency), projectLink(deps.publicUrl, projectId)),
          )
        : await applyStatusChange(trx, deps, project, 'quoted', { actor: access.actor, requestId: ctx.requestId });
    const quote = await store.findQuote(trx, id);
    if (!quote) throw quotesErrors.quoteNotFound();
    return { quote, deliveries, as: access.as };
  });
  for (const deliver of deliveries) await deliver();
  return presentQuote(quote, as);
}

export async function listQuotes(deps: QuotesDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireProjectAccess(trx, principal, projectId);
    const quotes = await store.listQuotes(trx, projectId);
    const files = await store.listProjectFiles(trx, projectId);
    await auditStaffRead(trx, deps, access, ctx, 'quotes', { count: quotes.length });
    return { quotes: quotes.map((q) => presentQuote(q, access.as)), canRequest: mayRequestQuote(access.project.status, files) };
  });
}
