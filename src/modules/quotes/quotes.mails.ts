export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

export const quotesMails = {
  newQuote: (name: string, title: string, amount: string, link: string) => ({
    kind: 'quotes.issued',
    subject: `New quote for "${title}": ${amount}`,
    text: `Hello ${name},\n\nThere is a new quote for your project "${title}": ${amount}. It replaces the earlier one. Accept or decline it here:\n${link}`,
  }),
  adjusted: (name: string, title: string, amount: string, reason: string, link: string) => ({
    kind: 'quotes.adjusted',
    subject: `Your quote for "${title}" changed: ${amount}`,
    text: `Hello ${name},\n\nOur team changed the quote for your project "${title}" to ${amount}.\n\nWhy: ${reason}\n\nAccept or decline it here:\n${link}`,
  }),
};
