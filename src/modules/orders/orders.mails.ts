import { mailTemplate } from '../../platform/mail/index.js';
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
  confirmation: mailTemplate('orders.confirmation', (name: string, number: string, total: string, shipTo: TPostalAddress | null, link: string) => ({
    subject: `Order ${number} confirmed: ${total}`,
    greeting: `Hello ${name},`,
    blocks: [`Thank you for your order ${number} (${total}).${shipTo ? ` We will ship it to: ${oneLine(shipTo)}.` : ''}`, { action: 'Pay for it and follow it here', url: link }],
  })),
  paid: mailTemplate('orders.paid', (name: string, number: string, total: string, invoiceNumber: string, link: string) => ({
    subject: `Payment received for order ${number}`,
    greeting: `Hello ${name},`,
    blocks: [`We received your payment of ${total} for order ${number}.`, { action: `Your invoice ${invoiceNumber} is ready to download`, url: link }],
  })),
  shipped: mailTemplate('orders.shipped', (name: string, number: string, carrier: string, trackingUrl: string, link: string) => ({
    subject: `Order ${number} has shipped`,
    greeting: `Hello ${name},`,
    blocks: [`Your order ${number} is on its way with ${carrier}. Track the parcel here:\n${trackingUrl}`, { action: 'Follow your order here', url: link }],
  })),
  delivered: mailTemplate('orders.delivered', (name: string, number: string, link: string) => ({
    subject: `Order ${number} was delivered`,
    greeting: `Hello ${name},`,
    blocks: [`Your order ${number} was delivered. Thank you!`, { action: 'Your order and its invoice stay here', url: link }],
  })),
  refunded: mailTemplate('orders.refunded', (name: string, number: string, amount: string, creditNote: string, link: string) => ({
    subject: `Order ${number} refunded: ${amount}`,
    greeting: `Hello ${name},`,
    blocks: [`We refunded ${amount} for order ${number}.`, { action: `The credit note ${creditNote} is ready to download`, url: link }],
  })),
  cancelled: mailTemplate('orders.cancelled', (name: string, number: string, link: string) => ({
    subject: `Order ${number} cancelled`,
    greeting: `Hello ${name},`,
    blocks: [`Your order ${number} was cancelled before payment. Nothing is owed.`, { action: 'Your order', url: link }],
  })),
};
