import { mailTemplate } from '../../platform/mail/index.js';

export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** The templates of the e-mails the quotes module sends. */
export const quotesMails = {
  newQuote: mailTemplate('quotes.issued', (name: string, title: string, amount: string, link: string) => ({
    subject: `New quote for "${title}": ${amount}`,
    greeting: `Hello ${name},`,
    blocks: [`There is a new quote for your project "${title}": ${amount}. It replaces the earlier one.`, { action: 'Accept or decline it here', url: link }],
  })),
  adjusted: mailTemplate('quotes.adjusted', (name: string, title: string, amount: string, reason: string, link: string) => ({
    subject: `Your quote for "${title}" changed: ${amount}`,
    greeting: `Hello ${name},`,
    blocks: [`Our team changed the quote for your project "${title}" to ${amount}.`, `Why: ${reason}`, { action: 'Accept or decline it here', url: link }],
  })),
};
