import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { listProjectFileAnalyses } from '../files/index.js';
import { ZBuildVolumeFit, ZModelAnalysis } from '../models/index.js';
import { applyStatusChange, auditStaffRead, notifyCustomer, projectLink, requireProjectAccess } from '../projects/index.js';
import { computeQuote, type QuotableFile } from './compute-quote.js';
import type { QuotesDeps } from './quotes.deps.js';
import { quotesErrors } from './quotes.errors.js';
import { formatMoney, quotesMails } from './quotes.mails.js';
import * as store from './quotes.store.js';
import type { QuotesTables } from './quotes.tables.js';
import { presentQuote } from './present-quote.js';
import { isQuotable, mayRequestQuote } from './quote-access.js';

/**
 * The instant quote: priced from the analysed files at once, for the customer or the staff on the
 * project. It replaces any open quote; the project becomes quoted and its customer is told.
 */
export async function issueQuote(deps: QuotesDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  const id = randomUUID();
  const { quote, as } = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<QuotesTables>(work);
    const access = await requireProjectAccess(work, principal, projectId, { lock: true });
    const project = access.project;
    if (!isQuotable(project.status)) throw quotesErrors.notQuotable(project.status);
    const files = await listProjectFileAnalyses(work, projectId);
    const pending = files.filter((f) => f.status === 'uploaded').map((f) => f.name);
    if (pending.length > 0) throw quotesErrors.analysisPending(pending);
    const quotable: QuotableFile[] = files
      .filter((f) => f.status === 'analysed')
      .map((f) => ({ id: f.id, name: f.name, analysis: ZModelAnalysis.parse(f.analysis), fits: ZBuildVolumeFit.array().parse(f.buildVolumeFit) }));
    const excluded = files.filter((f) => f.status === 'rejected').map((f) => f.name);
    const { process, material, quantity } = project;
    // Opened while the policy did not declare specifications: there is nothing to price yet.
    if (process === null || material === null || quantity === null) throw quotesErrors.noSpecifications();
    const priced = computeQuote(deps.operator, { process, material, quantity }, quotable, excluded);
    const now = deps.now();
    await store.supersedeOpenQuotes(db, projectId, now);
    await store.insertQuote(db, {
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
    await work.audit({
      action: 'quotes.issued',
      subjectId: project.customer_id,
      target: { type: 'quote', id },
      details: { projectId, amountCents: priced.totalCents, currency: priced.currency },
    });
    if (project.status === 'quoted') {
      await notifyCustomer(work, deps, project, (name) =>
        quotesMails.newQuote(name, project.title, formatMoney(priced.totalCents, priced.currency), projectLink(deps.publicUrl, projectId)),
      );
    } else {
      await applyStatusChange(work, deps, project, 'quoted');
    }
    const quote = await store.findQuote(db, id);
    if (!quote) throw quotesErrors.quoteNotFound();
    return { quote, as: access.as };
  });
  return presentQuote(quote, as);
}

export async function listQuotes(deps: QuotesDeps, principal: Principal, projectId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const access = await requireProjectAccess(work, principal, projectId);
    const quotes = await store.listQuotes(tablesOf<QuotesTables>(work), projectId);
    const files = await listProjectFileAnalyses(work, projectId);
    await auditStaffRead(work, access, 'quotes', { count: quotes.length });
    return { quotes: quotes.map((q) => presentQuote(q, access.as)), canRequest: mayRequestQuote(access.project.status, files) };
  });
}
