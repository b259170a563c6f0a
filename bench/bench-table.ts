import type { BenchRow } from './bench-row.js';

/** A row as a results file keeps it: which bench measured it, and when. */
export type StoredRow = BenchRow & { bench: string; measuredAt: string };
export type BenchResults = { writtenAt: string; rows: StoredRow[] };

function num(n: number | null): string {
  if (n === null) return '—';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  return Math.abs(n) >= 0.1 || n === 0 ? n.toFixed(2) : n.toPrecision(2);
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(line)].join('\n');
}

/**
 * The table: each figure, its reference measured in the same run, the ratio, the goal, and the
 * most the ratio can be on this machine where the run's figures bound it.
 */
export function resultsTable(rows: readonly BenchRow[]): string {
  return table(
    ['figure', 'now', 'reference', 'ratio', 'goal', 'ceiling here'],
    rows.map((r) => [
      r.name,
      `${num(r.figure)} ${r.unit}`,
      r.referenceFigure === null ? `${r.reference}: not measured` : `${r.reference} ${num(r.referenceFigure)} ${r.unit}`,
      num(r.ratio),
      r.goal,
      num(r.ceiling),
    ]),
  );
}

/** How this run's figures moved against the last run's rows of the same name. */
export function changeTable(now: readonly BenchRow[], previous: BenchResults): string | null {
  const before = new Map(previous.rows.map((r) => [r.name, r]));
  const pct = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? '—' : `${((a / b - 1) * 100).toFixed(1).replace(/^(?!-)/, '+')} %`);
  const lines = now.flatMap((r) => {
    const p = before.get(r.name);
    return p ? [[r.name, `${num(p.figure)} → ${num(r.figure)} ${r.unit}`, pct(r.figure, p.figure), `${num(p.ratio)} → ${num(r.ratio)}`, p.measuredAt]] : [];
  });
  return lines.length === 0 ? null : table(['figure', 'last → now', 'change', 'ratio last → now', 'last measured'], lines);
}

/**
 * The results file after this run: its rows, and the previous file's rows of benches not run this
 * time (a run of one bench keeps the others' last figures to compare with).
 */
export function mergeResults(previous: BenchResults | null, ran: readonly string[], rows: readonly StoredRow[], writtenAt: string): BenchResults {
  const kept = (previous?.rows ?? []).filter((r) => !ran.includes(r.bench));
  return { writtenAt, rows: [...kept, ...rows] };
}
