/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line), each in a
 * process of its own (run-one.ts). Each returns its figures as rows beside a reference measured in the
 * same run; at the end one table is printed, written to bench/results/latest.json, and compared with
 * the previous latest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-row.js';
import { changeTable, mergeResults, resultsTable, type BenchResults, type StoredRow } from './bench-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'latest.json');
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const rows: StoredRow[] = [];
const ran: string[] = [];
const failed: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'meshvault-bench-rows-'));
for (const file of files) {
  const bench = file.replace('.bench.ts', '');
  console.log(`\n## ${bench}`);
  // A bench that fails is reported and the others still run; the command then exits with 1.
  const out = join(scratch, `${bench}.json`);
  const measuredAt = new Date().toISOString();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'run-one.ts'), file, out], { stdio: 'inherit' });
  if (child.status === 0 && existsSync(out)) {
    rows.push(...(JSON.parse(readFileSync(out, 'utf8')) as BenchRow[]).map((r) => ({ ...r, bench, measuredAt })));
    ran.push(bench);
  } else {
    console.error(`${bench} failed (exit ${child.status ?? child.signal})`);
    failed.push(bench);
  }
}
rmSync(scratch, { recursive: true, force: true });

console.log(`\n## figures\n\n${resultsTable(rows)}`);
const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults) : null;
const change = previous ? changeTable(rows, previous) : null;
console.log(change ? `\n## against the last run (${previous!.writtenAt})\n\n${change}` : '\n(no earlier figures of these to compare with)');
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(mergeResults(previous, ran, rows, new Date().toISOString()), null, 2)}\n`);
console.log(`\nwritten to ${resultsFile}`);
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')} (their earlier figures, if any, are kept)`);
  process.exitCode = 1;
}
