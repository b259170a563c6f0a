/**
 * One bench in a process of its own (see run.ts): `run-one.ts FILE OUT` runs bench/FILE and writes its
 * rows to OUT as JSON. A process per bench keeps one bench's leftovers (a large heap, databases and
 * worker threads not yet collected) from weighing on the next one's figures.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './bench-row.js';

const [file, out] = process.argv.slice(2);
if (!file || !out) throw new Error('usage: run-one.ts FILE.bench.ts OUT.json');
const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default: () => Promise<BenchRow[]> };
writeFileSync(out, JSON.stringify(await mod.default()));
// A bench may leave handles open (a pool, a timer): its figures are written, so the process ends here.
process.exit(0);
