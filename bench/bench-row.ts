/**
 * What every bench/*.bench.ts returns: one row per figure, beside its reference measured in the same
 * run. `npm run bench` prints them as one table and writes them to bench/results/latest.json.
 */
export type BenchRow = {
  name: string;
  figure: number;
  unit: string;
  /** What the figure is measured against (null figure: the reference could not be measured here). */
  reference: string;
  referenceFigure: number | null;
  /** figure / referenceFigure; null without a reference. */
  ratio: number | null;
  /** The goal for the ratio (or the figure), as the issue states it. */
  goal: string;
};

/** A row whose ratio is figure / referenceFigure. */
export function benchRow(name: string, figure: number, unit: string, reference: string, referenceFigure: number | null, goal: string): BenchRow {
  const ratio = referenceFigure !== null && referenceFigure !== 0 ? figure / referenceFigure : null;
  return { name, figure, unit, reference, referenceFigure, ratio, goal };
}
