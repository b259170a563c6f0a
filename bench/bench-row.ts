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
  /**
   * The most the ratio could be on this machine, worked out from figures of the same run: every core
   * busy all the time, with the CPU that the work measured needs (each bench says which: what it spends
   * now, or a floor no implementation gets under). Null where nothing bounds it so. A goal above it is
   * not reached by overlapping work better, only by spending less CPU (or, for a floor, not at all).
   */
  ceiling: number | null;
};

/** A row whose ratio is figure / referenceFigure. */
export function benchRow(name: string, figure: number, unit: string, reference: string, referenceFigure: number | null, goal: string): BenchRow {
  const ratio = referenceFigure !== null && referenceFigure !== 0 ? figure / referenceFigure : null;
  return { name, figure, unit, reference, referenceFigure, ratio, goal, ceiling: null };
}

/** The same row with the most its ratio can be here (see `BenchRow.ceiling`). */
export function withCeiling(row: BenchRow, ceiling: number): BenchRow {
  return { ...row, ceiling };
}
