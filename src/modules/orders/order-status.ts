import type { OrderStatus } from './orders.tables.js';

/**
 * The order's life. It is paid only when its payment settles (a provider's notice, or staff recording a
 * bank transfer), and refunded only through a refund; staff move it through production and delivery.
 */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['in_production', 'refunded'],
  in_production: ['shipped', 'refunded'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};

/** Statuses only a payment or refund reaches. */
export const BY_PAYMENT_ONLY: ReadonlySet<OrderStatus> = new Set(['paid', 'refunded']);

/** After these the order is over: its completion starts the retention clock of `order_completed` rules. */
export const CLOSED: ReadonlySet<OrderStatus> = new Set(['delivered', 'cancelled', 'refunded']);

/**
 * Where an order can go next. An order with nothing to ship (the policy declares no shipping details:
 * a service, a digital delivery) goes from production straight to delivered.
 */
export function nextStatuses(from: OrderStatus, ships = true): readonly OrderStatus[] {
  if (ships || from !== 'in_production') return NEXT_STATUSES[from];
  return NEXT_STATUSES[from].map((to) => (to === 'shipped' ? 'delivered' : to));
}

export function canBecome(from: OrderStatus, to: OrderStatus, ships = true): boolean {
  return nextStatuses(from, ships).includes(to);
}
