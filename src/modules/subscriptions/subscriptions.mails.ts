import { mailTemplate, type RenderedMail } from '../../platform/mail/index.js';
import type { Work } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';

export function subscriptionLink(publicUrl: string, id: string): string {
  return `${publicUrl}/subscriptions/${id}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The e-mails of a subscription's life: started, renewed, reminded, payment failed, cancellation, end. */
export const subscriptionsMails = {
  started: mailTemplate('subscriptions.started', (name: string, plan: string, total: string, until: Date, invoice: string, link: string) => ({
    subject: `Your ${plan} subscription has started`,
    greeting: `Hello ${name},`,
    blocks: [`We received your payment of ${total}. Your ${plan} subscription runs until ${day(until)} and renews then unless you cancel it.`, { action: `Your invoice ${invoice} is ready to download`, url: link }],
  })),
  renewed: mailTemplate('subscriptions.renewed', (name: string, plan: string, total: string, until: Date, invoice: string, link: string) => ({
    subject: `Your ${plan} subscription was renewed`,
    greeting: `Hello ${name},`,
    blocks: [`Your ${plan} subscription was renewed for ${total}; it now runs until ${day(until)}.`, { action: `Your invoice ${invoice} is ready to download`, url: link }],
  })),
  reminder: mailTemplate('subscriptions.renewal_reminder', (name: string, plan: string, total: string, endsAt: Date, how: string, link: string) => ({
    subject: `Your ${plan} subscription renews on ${day(endsAt)}`,
    greeting: `Hello ${name},`,
    blocks: [`Your ${plan} subscription renews on ${day(endsAt)} for ${total}, ${how}.`, { action: 'To stop it, cancel it before then', url: link }],
  })),
  paymentFailed: mailTemplate('subscriptions.payment_failed', (name: string, plan: string, total: string, expiresAt: Date, link: string) => ({
    subject: `Payment for your ${plan} subscription is due`,
    greeting: `Hello ${name},`,
    blocks: [`We could not collect ${total} for your ${plan} subscription, so it is on hold.`, { action: `Pay by ${day(expiresAt)} to keep it; after that it ends`, url: link }],
  })),
  cancelScheduled: mailTemplate('subscriptions.cancel_scheduled', (name: string, plan: string, endsAt: Date, link: string) => ({
    subject: `Your ${plan} subscription ends on ${day(endsAt)}`,
    greeting: `Hello ${name},`,
    blocks: [`As you asked, your ${plan} subscription will not renew: it ends on ${day(endsAt)} and nothing more is charged.`, { action: 'Changed your mind? Keep it here', url: link }],
  })),
  ended: mailTemplate('subscriptions.ended', (name: string, plan: string, why: 'canceled' | 'expired', link: string) => ({
    subject: `Your ${plan} subscription has ended`,
    greeting: `Hello ${name},`,
    blocks: [
      why === 'canceled' ? `Your ${plan} subscription ended at the end of its period, as you asked.` : `Your ${plan} subscription ended because its renewal was not paid.`,
      { action: 'You can subscribe again at any time', url: link },
    ],
  })),
};


/** Mails the subscription's customer (through the outbox, sent after the work commits). */
export async function mailCustomer(work: Work, customerId: string, compose: (name: string) => RenderedMail) {
  const customer = await findUserContact(work, customerId);
  if (!customer) return;
  await work.mail({ to: customer.email, userId: customer.id, ...compose(customer.name) });
}
