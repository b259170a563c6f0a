import type { AppError } from '../../platform/errors/index.js';
import type { ProjectAccess } from '../projects/index.js';
import { BY_PAYMENT_ONLY, canBecome, nextStatuses } from './order-status.js';
import { ordersErrors } from './orders.errors.js';
import type { OrderStatus } from './orders.tables.js';

type Viewer = ProjectAccess['as'];

/** Why `as` may not move the order from `from` to `to` by hand, or null when they may; `ships`: it has a shipping address. */
export function moveRefusal(as: Viewer, from: OrderStatus, to: OrderStatus, ships = true): AppError | null {
  if (as === 'customer' && !(to === 'cancelled' && from === 'pending_payment')) return ordersErrors.staffOnly();
  if (BY_PAYMENT_ONLY.has(to)) return ordersErrors.notByHand(to);
  if (!canBecome(from, to, ships)) return ordersErrors.illegalTransition(from, to, nextStatuses(from, ships));
  return null;
}

/** Only the customer pays, and only an order waiting for its payment. */
export function payRefusal(as: Viewer, status: OrderStatus): AppError | null {
  if (as !== 'customer') return ordersErrors.customerOnly();
  if (status !== 'pending_payment') return ordersErrors.notPayable(status);
  return null;
}

/** Staff record a bank transfer they received. */
export function recordPaymentRefusal(as: Viewer, status: OrderStatus): AppError | null {
  if (as === 'customer') return ordersErrors.staffOnly();
  if (status !== 'pending_payment') return ordersErrors.notPayable(status);
  return null;
}

export function refundRefusal(as: Viewer, status: OrderStatus): AppError | null {
  if (as === 'customer') return ordersErrors.staffOnly();
  if (!canBecome(status, 'refunded')) return ordersErrors.notRefundable(status);
  return null;
}

export const MOVES = ['in_production', 'shipped', 'delivered', 'cancelled'] as const satisfies readonly OrderStatus[];
