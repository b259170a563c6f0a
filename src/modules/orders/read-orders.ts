import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { paymentOptions } from './checkout.js';
import { auditOrderRead, requireOrderAccess, viewerOf } from './order-access.js';
import type { OrdersDeps } from './orders.deps.js';
import * as store from './orders.store.js';
import * as invoices from './invoices.store.js';
import * as payments from './payments.store.js';
import type { OrdersTables } from './orders.tables.js';
import { presentInvoice, presentOrder, presentPayment } from './present-order.js';

/** One order with its payments, invoices and timeline, for whoever may see its project. */
export async function getOrder(deps: OrdersDeps, principal: Principal, orderId: string, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const { order, as } = await requireOrderAccess(work, principal, orderId);
    await auditOrderRead(work, as, order, 'order');
    const { manifest } = await deps.policy.inWork(work);
    return {
      order: presentOrder(order, as, paymentOptions(deps)),
      payments: (await payments.listPayments(db, order.id)).map(presentPayment),
      invoices: (await invoices.listInvoicesOfOrder(db, order.id)).map(presentInvoice),
      events: (await store.listOrderEvents(db, order.id)).map((e) => ({ from: e.from_status, to: e.to_status, note: e.note, at: e.at })),
      bankTransfer:
        order.payment_method === 'bank_transfer' && order.status === 'pending_payment'
          ? { reference: order.number, amountCents: order.total_cents, currency: order.currency, payee: manifest.operator.legal_name ?? manifest.operator.name }
          : null,
    };
  });
}

/**
 * The caller's orders: a customer's own; for staff, those of the projects they are assigned to and those of configured products; for
 * admins, all. Staff reads of customers' orders are audited, one entry per customer's order listed.
 */
export async function listOrders(deps: OrdersDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const options = paymentOptions(deps);
    if (principal.role === 'customer') return { orders: (await store.listOrdersOfCustomer(db, principal.userId)).map((o) => presentOrder(o, 'customer', options)) };
    const rows = await store.listOrdersOfProjects(db, 'all');
    const seen = [];
    for (const row of rows) {
      const as = await viewerOf(work, principal, row);
      if (!as) continue;
      await auditOrderRead(work, as, row, 'order list');
      seen.push(presentOrder(row, as, options));
    }
    return { orders: seen };
  });
}

/** The customer's billing history: every order with its total and status, and every invoice and credit note. */
export async function billingHistory(deps: OrdersDeps, principal: Principal, ctx: RequestContext) {
  return deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const db = tablesOf<OrdersTables>(work);
    const options = paymentOptions(deps);
    return {
      orders: (await store.listOrdersOfCustomer(db, principal.userId)).map((o) => presentOrder(o, 'customer', options)),
      invoices: (await invoices.listInvoicesOfCustomer(db, principal.userId)).map(presentInvoice),
    };
  });
}
