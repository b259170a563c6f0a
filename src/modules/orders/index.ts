export { ordersUseCases, type OrdersService } from './orders.use-cases.js';
export { registerBillingRoutes, registerOrdersRoutes, registerPaymentWebhookRoutes, type OrdersRoutesDeps } from './orders.routes.js';
export type { OrdersDeps, StripeSetup } from './orders.deps.js';
export { ordersData } from './personal-data.js';
export { fiscalYearOf } from './fiscal-year.js';
/** For subscriptions: a period billed by the same gapless invoice series, in the caller's work. */
export { issueInvoice, type Billable } from './issue-invoice.js';
/** For subscriptions: a payment handed to the provider through egress, as orders hand theirs. */
export { handOverPayment, type PaymentToHandOver, type ReleasedPayment } from './hand-over-payment.js';
export { formatMoney } from './orders.mails.js';
export type { TPostalAddress, TOrderLine } from './orders.tables.js';
export { ZAddressInput, ZAddress, ZInvoice } from './orders.schema.js';
export { ZPlaceOrder, type TPlaceOrder } from './orders.schema.js';
export type { ConfiguredOrder } from './place-configured-order.js';
