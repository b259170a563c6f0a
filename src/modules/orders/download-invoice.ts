import type { Readable } from 'node:stream';
import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { auditOrderRead, requireOrderAccess } from './order-access.js';
import type { OrdersDeps } from './orders.deps.js';
import { ordersErrors } from './orders.errors.js';
import * as invoices from './invoices.store.js';
import type { OrdersTables } from './orders.tables.js';

/**
 * The invoice PDF as it was issued (decrypted from the vault), for whoever may see its order; an
 * invoice of no order (a subscription's) for its customer and admins, an admin's read audited.
 */
export async function downloadInvoice(deps: OrdersDeps, principal: Principal, invoiceId: string, ctx: RequestContext): Promise<{ fileName: string; body: Readable }> {
  const invoice = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const found = await invoices.findInvoice(tablesOf<OrdersTables>(work), invoiceId);
    if (!found) throw ordersErrors.invoiceNotFound();
    if (found.order_id === null) {
      if (found.customer_id === principal.userId) return found;
      if (principal.role !== 'admin') throw ordersErrors.invoiceNotFound();
      await work.audit({ action: 'invoices.read_by_staff', subjectId: found.customer_id, target: { type: 'invoice', id: found.id }, details: { what: `invoice ${found.number}` } });
      return found;
    }
    try {
      const { order, as } = await requireOrderAccess(work, principal, found.order_id);
      await auditOrderRead(work, as, order, `invoice ${found.number}`);
    } catch {
      throw ordersErrors.invoiceNotFound();
    }
    return found;
  });
  const body = await deps.fileVault.vault().readFile(invoice.storage_key, invoice.wrapped_key);
  return { fileName: `${invoice.number}.pdf`, body };
}
