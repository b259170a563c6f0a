/** `npm run bench`'s table and results file (issue #12): the figures, their references, ratios and goals. */
import { describe, expect, it } from 'vitest';
import { benchRow, withCeiling } from '../bench/bench-row.js';
import { changeTable, mergeResults, resultsTable, type StoredRow } from '../bench/bench-table.js';

const signIn = benchRow('sign-in throughput, PGlite', 20, '/s', 'bare argon2id verify', 50, 'ratio ≥ 0.7');
const stored = (row: ReturnType<typeof benchRow>, bench: string, measuredAt: string): StoredRow => ({ ...row, bench, measuredAt });

describe('bench results', () => {
  it('computes the ratio against the reference, and none without one', () => {
    expect(signIn.ratio).toBe(0.4);
    expect(benchRow('cpu', 1, 's', 'admesh: not installed', null, '≤ 1.0× admesh').ratio).toBeNull();
  });

  it('prints each figure beside its reference, the ratio, the goal and the ceiling where one is worked out', () => {
    const lines = resultsTable([withCeiling(signIn, 0.81), benchRow('rss', 231, 'MiB', 'admesh', null, '≤ 2×')]).split('\n');
    expect(lines[0]).toMatch(/^\| figure +\| now +\| reference +\| ratio \| goal +\| ceiling here \|$/);
    expect(lines[2]).toContain('| 20.00 /s | bare argon2id verify 50.00 /s | 0.40  | ratio ≥ 0.7 | 0.81         |');
    expect(lines[3]).toContain('admesh: not measured');
    expect(lines[3]).toMatch(/\| — +\|$/);
  });

  it('compares with the last run by name, and keeps the figures of benches not run this time', () => {
    const before = mergeResults(null, ['foundation', 'vault'], [stored({ ...signIn, figure: 25, ratio: 0.5 }, 'foundation', '2026-12-01T00:00:00.000Z'), stored(benchRow('vault write', 300, 'MB/s', 'openssl', 500, '≥ 0.9'), 'vault', '2026-12-01T00:00:00.000Z')], '2026-12-01T00:00:01.000Z');
    const change = changeTable([signIn], before)!;
    expect(change).toContain('25.00 → 20.00 /s');
    expect(change).toContain('-20.0 %');
    expect(change).toContain('0.50 → 0.40');
    expect(changeTable([benchRow('new figure', 1, 's', 'x', 1, '—')], before)).toBeNull();
    const after = mergeResults(before, ['foundation'], [stored(signIn, 'foundation', '2026-12-02T00:00:00.000Z')], '2026-12-02T00:00:01.000Z');
    expect(after.rows.map((r) => [r.bench, r.figure])).toEqual([['vault', 300], ['foundation', 20]]);
  });
});
