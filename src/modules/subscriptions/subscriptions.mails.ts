import type { Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';

export function subscriptionLink(publicUrl: string, id: string): string {
  return `${publicUrl}/subscriptions/${id}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The e-mails of a subscription's life: started, renewed, reminded, payment failed, cancellation, end. */
export const subscriptionsMails = {
  started: (name: string, plan: string, total: string, until: Date, invoice: string, link: string) => ({
    kind: 'subscriptions.started',
    subject: `Your ${plan} subscription has started`,
    text: `Hello ${name},\n\nWe received your payment of ${total}. Your ${plan} subscription runs until ${day(until)} and renews then unless you cancel it. Your invoice ${invoice} is ready to download:\n${link}`,
  }),
  renewed: (name: string, plan: string, total: string, until: Date, invoice: string, link: string) => ({
    kind: 'subscriptions.renewed',
    subject: `Your ${plan} subscription was renewed`,
    text: `Hello ${name},\n\nYour ${plan} subscription was renewed for ${total}; it now runs until ${day(until)}. Your invoice ${invoice} is ready to download:\n${link}`,
  }),
  reminder: (name: string, plan: string, total: string, endsAt: Date, how: string, link: string) => ({
    kind: 'subscriptions.renewal_reminder',
    subject: `Your ${plan} subscription renews on ${day(endsAt)}`,
    text: `Hello ${name},\n\nYour ${plan} subscription renews on ${day(endsAt)} for ${total}, ${how}. To stop it, cancel it before then:\n${link}`,
  }),
  paymentFailed: (name: string, plan: string, total: string, expiresAt: Date, link: string) => ({
    kind: 'subscriptions.payment_failed',
    subject: `Payment for your ${plan} subscription is due`,
    text: `Hello ${name},\n\nWe could not collect ${total} for your ${plan} subscription, so it is on hold. Pay by ${day(expiresAt)} to keep it; after that it ends:\n${link}`,
  }),
  cancelScheduled: (name: string, plan: string, endsAt: Date, link: string) => ({
    kind: 'subscriptions.cancel_scheduled',
    subject: `Your ${plan} subscription ends on ${day(endsAt)}`,
    text: `Hello ${name},\n\nAs you asked, your ${plan} subscription will not renew: it ends on ${day(endsAt)} and nothing more is charged. Changed your mind? Keep it here:\n${link}`,
  }),
  ended: (name: string, plan: string, why: 'canceled' | 'expired', link: string) => ({
    kind: 'subscriptions.ended',
    subject: `Your ${plan} subscription has ended`,
    text: `Hello ${name},\n\n${why === 'canceled' ? `Your ${plan} subscription ended at the end of its period, as you asked.` : `Your ${plan} subscription ended because its renewal was not paid.`} You can subscribe again at any time:\n${link}`,
  }),
};

type Message = { kind: string; subject: string; text: string };

/** Mails the subscription's customer (through the outbox, sent after the work commits). */
export async function mailCustomer(work: Work, customerId: string, compose: (name: string) => Message) {
  const customer = await findUserContact(work, customerId);
  if (!customer) return;
  await work.mail({ to: customer.email, userId: customer.id, ...compose(customer.name) });
}
