import type { ProjectAccess } from '../projects/index.js';
import { MOVES, moveRefusal, payRefusal, recordPaymentRefusal, refundRefusal } from './order-rules.js';
import type { InvoiceRow, OrderRow, PaymentRow, PaymentProviderId, TPostalAddress } from './orders.tables.js';

export function presentAddress(a: TPostalAddress) {
  return { name: a.name, company: a.company, line1: a.line1, line2: a.line2, postalCode: a.postalCode, city: a.city, region: a.region, country: a.country };
}

/** An order as `as` sees it, with what they may do with it from the rules the use-cases enforce. */
export function presentOrder(o: OrderRow, as: ProjectAccess['as'], paymentOptions: PaymentProviderId[]) {
  return {
    id: o.id,
    number: o.number,
    quoteId: o.quote_id,
    projectId: o.project_id,
    configurationId: o.configuration_id,
    catalogueItemId: o.catalogue_item_id,
    status: o.status,
    currency: o.currency,
    lines: o.lines,
    netCents: o.net_cents,
    taxRatePercent: Number(o.tax_rate_percent),
    taxCents: o.tax_cents,
    totalCents: o.total_cents,
    billingAddress: presentAddress(o.billing_address),
    shippingAddress: o.shipping_address ? presentAddress(o.shipping_address) : null,
    notes: o.notes,
    carrier: o.carrier,
    trackingUrl: o.tracking_url,
    paymentMethod: o.payment_method,
    createdAt: o.created_at,
    paidAt: o.paid_at,
    shippedAt: o.shipped_at,
    deliveredAt: o.delivered_at,
    viewerRole: as,
    allowedMoves: MOVES.filter((to) => moveRefusal(as, o.status, to, o.shipping_address !== null) === null),
    canPay: payRefusal(as, o.status) === null,
    canRecordPayment: recordPaymentRefusal(as, o.status) === null,
    canRefund: refundRefusal(as, o.status) === null,
    paymentOptions,
  };
}

export function presentPayment(p: PaymentRow) {
  return {
    id: p.id,
    kind: p.kind,
    provider: p.provider,
    status: p.status,
    amountCents: p.amount_cents,
    currency: p.currency,
    cardBrand: p.card_brand,
    cardLast4: p.card_last4,
    createdAt: p.created_at,
    settledAt: p.settled_at,
  };
}

export function presentInvoice(i: InvoiceRow) {
  return {
    id: i.id,
    number: i.number,
    kind: i.series,
    orderId: i.order_id,
    reference: i.reference ?? i.number,
    fiscalYear: i.fiscal_year,
    currency: i.currency,
    netCents: i.net_cents,
    taxCents: i.tax_cents,
    totalCents: i.total_cents,
    issuedAt: i.issued_at,
    downloadUrl: `/api/invoices/${i.id}/pdf`,
  };
}
