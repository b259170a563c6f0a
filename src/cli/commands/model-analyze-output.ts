import { setFlagsFromString } from 'node:v8';
import { isAppError } from '../../platform/errors/index.js';
import type { TLengthUnit, TModelAnalysis } from '../../modules/models/index.js';

/**
 * What `meshvault model analyze` does once its arguments are read, and how it reads the usual ones
 * itself: this file loads no argument parser, so the common `model analyze FILE [--json] [--units U]`
 * runs without commander (and the node:child_process, events and path modules it loads), a real part of
 * a one-shot analysis. Anything else (help, an unknown or repeated option, a wrong unit) goes to
 * commander, whose command in model-analyze.ts runs the same `analyzeAndPrint`.
 */
export interface ModelCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const defaultModelIo: ModelCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export const modelUnits = ['mm', 'cm', 'm', 'in'] as const;

export interface ModelAnalyzeOptions {
  json?: boolean;
  units: TLengthUnit;
}

/** Analyses `file` and prints the table or JSON; a refused file is reported on stderr with exit code 1. */
export async function analyzeAndPrint(file: string, options: ModelAnalyzeOptions, io: ModelCommandIo = defaultModelIo): Promise<void> {
  // The analysis is a few long loops run once. With V8's default concurrent on-stack replacement the
  // loop keeps running in unoptimised code (boxing every coordinate it reads, garbage the scavenger then
  // collects) until a background thread has compiled it; compiled in place it costs less CPU in all,
  // and on a busy machine, where that thread waits for a core, less time too: on the 1M-triangle STL of
  // bench/mesh-analysis.bench.ts, 0.40 s CPU against 0.49 (medians of 11 interleaved runs, 2 shared cores).
  setFlagsFromString('--no-concurrent-osr');
  try {
    const { analyzeModelFile } = await import('../../modules/models/analyze-model.js');
    const analysis = await analyzeModelFile(file, { units: options.units });
    io.stdout(options.json === true ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(file, analysis));
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.stderr(`${file}: ${error.message}\n`);
    process.exitCode = 1;
  }
}

/** Runs `argv` (`model analyze …`) when plainModelAnalyzeArgs reads it; false, having done nothing, when not. */
export async function runPlainModelAnalyze(argv: readonly string[]): Promise<boolean> {
  const plain = argv[0] === 'model' && argv[1] === 'analyze' ? plainModelAnalyzeArgs(argv.slice(2)) : undefined;
  if (plain === undefined) return false;
  await analyzeAndPrint(plain.file, plain.options);
  return true;
}

/**
 * The arguments after `model analyze` when they are exactly one file (not starting with "-") and at most
 * one each of `--json` and `--units U` / `--units=U` with a unit commander would accept; otherwise
 * undefined, and commander reads them (and explains what is wrong).
 */
export function plainModelAnalyzeArgs(args: readonly string[]): { file: string; options: ModelAnalyzeOptions } | undefined {
  let file: string | undefined;
  let json: boolean | undefined;
  let units: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json' && json === undefined) json = true;
    else if (arg === '--units' && units === undefined && i + 1 < args.length) units = args[++i];
    else if (arg.startsWith('--units=') && units === undefined) units = arg.slice('--units='.length);
    else if (!arg.startsWith('-') && file === undefined) file = arg;
    else return undefined;
  }
  const unit = modelUnits.find((u) => u === (units ?? 'mm'));
  if (file === undefined || unit === undefined) return undefined;
  return { file, options: json === undefined ? { units: unit } : { json, units: unit } };
}

/**
 * `value` as en-US Intl prints it with `decimals` fixed decimals (1,234.500): the shortest decimal that
 * reads back as the number, rounded half away from zero. Intl itself is built only for what that
 * decimal writes with an exponent, since setting up its ICU data costs a one-shot CLI more than the
 * analysis of a large mesh.
 */
export function groupedNumber(value: number, decimals: number): string {
  const shortest = String(Math.abs(value));
  if (!Number.isFinite(value) || shortest.includes('e')) {
    return new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
  }
  const [whole = '0', fraction = ''] = shortest.split('.');
  let digits = whole + fraction.padEnd(decimals, '0').slice(0, decimals);
  if (fraction.length > decimals && fraction.charCodeAt(decimals) >= 53 /* '5' */) digits = incremented(digits);
  const point = digits.length - decimals;
  const int = digits.slice(0, point);
  let grouped = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = grouped.length; i < int.length; i += 3) grouped += `,${int.slice(i, i + 3)}`;
  return `${value < 0 || Object.is(value, -0) ? '-' : ''}${grouped}${decimals > 0 ? `.${digits.slice(point)}` : ''}`;
}

/** A string of decimal digits plus one. */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const carried = '0'.repeat(digits.length - 1 - i);
  return i < 0 ? `1${carried}` : `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${carried}`;
}

export function formatAnalysis(file: string, a: TModelAnalysis): string {
  const n = (value: number): string => groupedNumber(value, 3);
  const xyz = (v: { x: number; y: number; z: number }): string => `${n(v.x)} × ${n(v.y)} × ${n(v.z)}`;
  const rows: [string, string][] = [
    ['File', file],
    ['Format', `${a.format.toUpperCase()} (${a.encoding}), unit ${a.unit}${a.unitDeclared ? '' : ' (assumed)'}`],
    ['Triangles', groupedNumber(a.triangles, 0)],
    ['Vertices', groupedNumber(a.vertices, 0)],
    ['Size', `${xyz(a.boundingBoxMm.size)} mm`],
    ['Bounds', `min (${xyz(a.boundingBoxMm.min)}) max (${xyz(a.boundingBoxMm.max)}) mm`],
    ['Volume', `${n(a.volumeMm3)} mm³ (${n(a.volumeMm3 / 1000)} cm³)${a.watertight ? '' : ' — estimate, not watertight'}`],
    ['Surface', `${n(a.surfaceAreaMm2)} mm²`],
    ['Shells', String(a.shells)],
    ['Edges', `${a.edges.total} total, ${a.edges.open} open, ${a.edges.nonManifold} non-manifold, ${a.edges.inconsistentlyOriented} inconsistently oriented`],
    ['Degenerate', `${a.degenerateTriangles} triangles`],
    ['Watertight', a.watertight ? 'yes' : 'no'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  for (const warning of a.warnings) lines.push(`Warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}
