import { describe, expect, it } from 'vitest';
import { isPersonal, PAYMENT_INSTRUMENT_PARTS, type TableRegistry } from './platform/registry/index.js';
import { installationRegistry } from './registry.js';

const INSTRUMENT = 'billing.payment_instrument';

/** Columns that could hold a card number: payment-instrument columns that do not say which harmless part they hold. */
function unmarkedInstrumentColumns(registry: TableRegistry): string[] {
  const found: string[] = [];
  for (const [table, entry] of Object.entries(registry)) {
    for (const [name, column] of Object.entries(entry.columns)) {
      if (!isPersonal(column) || column.category !== INSTRUMENT) continue;
      if (!column.instrument || !(PAYMENT_INSTRUMENT_PARTS as readonly string[]).includes(column.instrument)) found.push(`${table}.${name}`);
    }
  }
  return found;
}

describe('payment instruments in the registry', () => {
  it('no column holds a full card number: each payment-instrument column is a token, a brand or the last four digits', () => {
    const registry = installationRegistry();
    expect(unmarkedInstrumentColumns(registry)).toEqual([]);
    // The installation does store instrument references (else this test could not fail).
    expect(Object.values(registry).some((e) => Object.values(e.columns).some((c) => isPersonal(c) && c.category === INSTRUMENT))).toBe(true);
  });

  it('refuses a payment-instrument column declared without its part', () => {
    const bad: TableRegistry = { cards: { subject: 'user_id', description: 'x', columns: { user_id: { category: 'account.id', erase: 'delete-row' }, pan: { category: INSTRUMENT, erase: 'delete-row' } } } };
    expect(unmarkedInstrumentColumns(bad)).toEqual(['cards.pan']);
  });
});
