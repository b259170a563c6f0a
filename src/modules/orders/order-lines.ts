import type { TQuoteBreakdown } from '../quotes/index.js';
import type { TOrderLine } from './orders.tables.js';

/**
 * The lines of an order from the quote it comes from: a line per part, the setup fee, and what makes
 * the accepted price (a minimum order, a staff adjustment) differ from their sum, so the lines always
 * add up to the price the customer accepted.
 */
export function orderLinesFromQuote(breakdown: TQuoteBreakdown, acceptedCents: number): TOrderLine[] {
  const lines: TOrderLine[] = breakdown.lines.map((l) => ({
    description: `${l.fileName}: ${breakdown.process}, ${breakdown.material}`,
    quantity: l.quantity,
    unitCents: l.unitCents,
    lineCents: l.lineCents,
  }));
  if (breakdown.setupFeeCents > 0) lines.push({ description: 'Setup', quantity: 1, unitCents: breakdown.setupFeeCents, lineCents: breakdown.setupFeeCents });
  const sum = lines.reduce((s, l) => s + l.lineCents, 0);
  if (sum !== acceptedCents) {
    const description = breakdown.minimumApplied && acceptedCents === breakdown.minimumOrderCents ? 'Minimum order' : 'Price adjustment';
    lines.push({ description, quantity: 1, unitCents: acceptedCents - sum, lineCents: acceptedCents - sum });
  }
  return lines;
}

/** Tax on the net amount, rounded to whole cents once for the order (not per line). */
export function taxOf(netCents: number, ratePercent: number): number {
  return Math.round((netCents * ratePercent) / 100);
}
