import type { TPostalAddress } from './orders.tables.js';

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export function orderLink(publicUrl: string, orderId: string): string {
  return `${publicUrl}/orders/${orderId}`;
}

function oneLine(a: TPostalAddress): string {
  return [a.name, a.company, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter(Boolean).join(', ');
}

/** The order e-mails seed 001 promises: confirmation, shipping (carrier and tracking) and delivery. */
export const ordersMails = {
  confirmation: (name: string, number: string, total: string, shipTo: TPostalAddress | null, link: string) => ({
    kind: 'orders.confirmation',
    subject: `Order ${number} confirmed: ${total}`,
    text: `Hello ${name},\n\nThank you for your order ${number} (${total}).${shipTo ? ` We will ship it to: ${oneLine(shipTo)}.` : ''}\n\nPay for it and follow it here:\n${link}`,
  }),
  paid: (name: string, number: string, total: string, invoiceNumber: string, link: string) => ({
    kind: 'orders.paid',
    subject: `Payment received for order ${number}`,
    text: `Hello ${name},\n\nWe received your payment of ${total} for order ${number}. Your invoice ${invoiceNumber} is ready to download:\n${link}`,
  }),
  shipped: (name: string, number: string, carrier: string, trackingUrl: string, link: string) => ({
    kind: 'orders.shipped',
    subject: `Order ${number} has shipped`,
    text: `Hello ${name},\n\nYour order ${number} is on its way with ${carrier}. Track the parcel here:\n${trackingUrl}\n\nFollow your order here:\n${link}`,
  }),
  delivered: (name: string, number: string, link: string) => ({
    kind: 'orders.delivered',
    subject: `Order ${number} was delivered`,
    text: `Hello ${name},\n\nYour order ${number} was delivered. Thank you!\n\nYour order and its invoice stay here:\n${link}`,
  }),
  refunded: (name: string, number: string, amount: string, creditNote: string, link: string) => ({
    kind: 'orders.refunded',
    subject: `Order ${number} refunded: ${amount}`,
    text: `Hello ${name},\n\nWe refunded ${amount} for order ${number}. The credit note ${creditNote} is ready to download:\n${link}`,
  }),
  cancelled: (name: string, number: string, link: string) => ({
    kind: 'orders.cancelled',
    subject: `Order ${number} cancelled`,
    text: `Hello ${name},\n\nYour order ${number} was cancelled before payment. Nothing is owed.\n\n${link}`,
  }),
};
