import { Option, type Command } from 'commander';
import { isAppError } from '../../platform/errors/index.js';
import type { TLengthUnit, TModelAnalysis } from '../../modules/models/index.js';

export interface ModelCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultIo: ModelCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** `meshvault model analyze FILE [--json] [--units mm|cm|m|in]`: the same analysis an upload gets. */
export function registerModelCommand(program: Command, io: ModelCommandIo = defaultIo): void {
  const model = program.command('model').description('inspect 3D model files');
  model
    .command('analyze')
    .description('print size, volume, shells and printability problems of an STL, OBJ, PLY, 3MF, glTF or GLB file')
    .argument('<file>', 'the model file')
    .option('--json', 'print the analysis as JSON')
    .addOption(new Option('--units <unit>', 'unit of files that declare none (STL, OBJ, PLY)').choices(['mm', 'cm', 'm', 'in']).default('mm'))
    .action(async (file: string, options: { json?: boolean; units: TLengthUnit }) => {
      try {
        const { analyzeModelFile } = await import('../../modules/models/analyze-model.js');
        const analysis = await analyzeModelFile(file, { units: options.units });
        io.stdout(options.json === true ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(file, analysis));
      } catch (error) {
        if (!isAppError(error)) throw error;
        io.stderr(`${file}: ${error.message}\n`);
        process.exitCode = 1;
      }
    });
}

export function formatAnalysis(file: string, a: TModelAnalysis): string {
  // One formatter for every number (toLocaleString builds a new one, ICU data and all, per call).
  const whole = new Intl.NumberFormat('en-US');
  const fixed3 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const n = (value: number): string => fixed3.format(value);
  const xyz = (v: { x: number; y: number; z: number }): string => `${n(v.x)} × ${n(v.y)} × ${n(v.z)}`;
  const rows: [string, string][] = [
    ['File', file],
    ['Format', `${a.format.toUpperCase()} (${a.encoding}), unit ${a.unit}${a.unitDeclared ? '' : ' (assumed)'}`],
    ['Triangles', whole.format(a.triangles)],
    ['Vertices', whole.format(a.vertices)],
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
