// Prints Vitest's JSON report as one plain closing line: "<label>: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

type Report = { numPassedTests: number; numFailedTests: number; numPendingTests?: number; numTodoTests?: number };

const [label, file] = process.argv.slice(2);
if (!label || !file) throw new Error('usage: test-summary LABEL REPORT.json');
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
