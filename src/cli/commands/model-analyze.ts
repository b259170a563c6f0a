import { Option, type Command } from 'commander';
import { analyzeAndPrint, defaultModelIo, modelUnits, type ModelAnalyzeOptions, type ModelCommandIo } from './model-analyze-output.js';

/** `meshvault model analyze FILE [--json] [--units mm|cm|m|in]`: the same analysis an upload gets. */
export function registerModelCommand(program: Command, io: ModelCommandIo = defaultModelIo): void {
  const model = program.command('model').description('inspect 3D model files');
  model
    .command('analyze')
    .description('print size, volume, shells and printability problems of an STL, OBJ, PLY, 3MF, glTF or GLB file')
    .argument('<file>', 'the model file')
    .option('--json', 'print the analysis as JSON')
    .addOption(new Option('--units <unit>', 'unit of files that declare none (STL, OBJ, PLY)').choices(modelUnits).default('mm'))
    .action((file: string, options: ModelAnalyzeOptions) => analyzeAndPrint(file, options, io));
}
