import { AppError } from '../../platform/errors/index.js';

export const ordersErrors = {
  catalogueItemNotFound: () => new AppError('not_found', 'No such product or service in the catalogue.'),
  catalogueItemWithdrawn: () => new AppError('conflict', 'This product or service is no longer offered.'),
  orderNotFound: () => new AppError('not_found', 'No such order.'),
  invoiceNotFound: () => new AppError('not_found', 'No such invoice.'),
  addressNotFound: () => new AppError('not_found', 'No such address in your address book.'),
  quoteNotAccepted: (status: string) => new AppError('conflict', `Only an accepted quote can be ordered; this one is ${status}.`, { status }),
  alreadyOrdered: (orderId: string) => new AppError('conflict', 'This quote is already ordered.', { orderId }),
  badLines: (why: string) => new AppError('unprocessable', `This order cannot be placed: ${why}.`, { why }),
  customerOnly: () => new AppError('forbidden', 'Only the customer of this project can order and pay.'),
  staffOnly: () => new AppError('forbidden', 'Only the staff working on this order can do that.'),
  illegalTransition: (from: string, to: string, allowed: readonly string[]) =>
    new AppError('conflict', `An order that is ${words(from)} cannot become ${words(to)}.${allowed.length ? ` Next it can be: ${allowed.map(words).join(', ')}.` : ' It is closed.'}`, { from, to, allowed }),
  notByHand: (to: string) => new AppError('unprocessable', `An order becomes ${words(to)} only through its payment (record the payment or refund it instead).`, { to }),
  trackingNeeded: () => new AppError('unprocessable', 'Say which carrier ships the parts and give the tracking link: the customer gets both in the shipping e-mail.'),
  notPayable: (status: string) => new AppError('conflict', `This order is ${words(status)}: there is nothing to pay.`, { status }),
  providerNotConfigured: (provider: string) => new AppError('unprocessable', `Payment by ${provider === 'stripe' ? 'card (Stripe)' : provider} is not set up on this installation; pay by bank transfer.`, { provider }),
  notRefundable: (status: string) => new AppError('conflict', `This order is ${words(status)}: only a paid order can be refunded.`, { status }),
  noPaymentToRefund: () => new AppError('conflict', 'This order has no settled payment to refund.'),
  webhookRefused: (reason: string) => new AppError('bad_request', `The payment notice was refused: its signature ${reason === 'outside_tolerance' ? 'is too old or from the future' : reason === 'mismatch' ? 'does not match' : 'is missing or malformed'}.`, { reason }),
  webhookNotConfigured: () => new AppError('not_found', 'No payment provider notices are taken here.'),
  badWebhookBody: () => new AppError('bad_request', 'The payment notice is not a JSON event with an id and a type.'),
};

function words(status: string): string {
  return status.replace('_', ' ');
}
