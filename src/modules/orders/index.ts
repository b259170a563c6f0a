export { ordersUseCases, type OrdersService } from './orders.use-cases.js';
export { registerOrdersRoutes, registerPaymentWebhookRoutes, type OrdersRoutesDeps } from './orders.routes.js';
export type { OrdersDeps, StripeSetup } from './orders.deps.js';
export { ordersData } from './personal-data.js';
export { fiscalYearOf } from './fiscal-year.js';
export { ZAddressInput, ZPlaceOrder, type TPlaceOrder } from './orders.schema.js';
export type { ConfiguredOrder } from './place-configured-order.js';
