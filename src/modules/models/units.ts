import type { TLengthUnit } from './models.schema.js';

/** Millimetres per unit. 3MF names its units in full; we keep the short names in the analysis. */
const millimetresPer: Record<TLengthUnit, number> = {
  um: 0.001,
  mm: 1,
  cm: 10,
  in: 25.4,
  ft: 304.8,
  m: 1000,
};

export function millimetresPerUnit(unit: TLengthUnit): number {
  return millimetresPer[unit];
}

const threeMfUnits: Record<string, TLengthUnit> = {
  micron: 'um',
  millimeter: 'mm',
  centimeter: 'cm',
  inch: 'in',
  foot: 'ft',
  meter: 'm',
};

/** Maps a 3MF `unit` attribute to our unit, or undefined when the value is not one the spec allows. */
export function unitFrom3mf(value: string): TLengthUnit | undefined {
  return threeMfUnits[value];
}
