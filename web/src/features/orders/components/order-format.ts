/** Order states and money, written for people. */
import type { OrderStatus, PostalAddress } from '../api/orders-api.js';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: 'Waiting for payment',
  paid: 'Paid',
  in_production: 'In production',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export const ORDER_STATUS_TONES: Record<OrderStatus, string> = {
  pending_payment: 'badge-warn',
  paid: 'badge-accent',
  in_production: 'badge-accent',
  shipped: 'badge-accent',
  delivered: 'badge-ok',
  cancelled: '',
  refunded: '',
};

export { formatMoney } from '../../../lib/format.js';

export function addressLines(a: PostalAddress): string[] {
  return [a.name, a.company, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter((l): l is string => !!l);
}
