import type { BoundUseCases } from '../../platform/unit-of-work/index.js';
import { addAddress, listAddresses, removeAddress } from './addresses.js';
import { addCatalogueItem, listCatalogue, orderCatalogueItem, setCatalogueItemActive } from './catalogue.js';
import { recordBankTransfer, startCheckout } from './checkout.js';
import { downloadInvoice } from './download-invoice.js';
import { moveOrder } from './move-order.js';
import type { OrdersDeps } from './orders.deps.js';
import { placeConfiguredOrder } from './place-configured-order.js';
import { placeOrder } from './place-order.js';
import { billingHistory, getOrder, listOrders } from './read-orders.js';
import { refundOrder } from './refund-order.js';
import { rewrapInvoiceKeys } from './rotate-invoice-keys.js';
import { receiveStripeEvent } from './stripe-webhook.js';

/** The order, payment and invoice use-cases; the app binds them once (`app.services.orders`). */
export const ordersUseCases = {
  place: placeOrder,
  /** Inside another module's work: the configurator orders a saved configuration. */
  placeConfigured: placeConfiguredOrder,
  listCatalogue,
  addCatalogueItem,
  setCatalogueItemActive,
  orderCatalogueItem,
  get: getOrder,
  list: listOrders,
  billingHistory,
  move: moveOrder,
  checkout: startCheckout,
  recordBankTransfer,
  refund: refundOrder,
  receiveStripeEvent,
  downloadInvoice,
  listAddresses,
  addAddress,
  removeAddress,
  rewrapInvoiceKeys,
};
export type OrdersService = BoundUseCases<OrdersDeps, typeof ordersUseCases>;
