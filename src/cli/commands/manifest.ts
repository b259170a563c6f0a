import { readFile, stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { formatProblem, renderPolicy, validateManifest, MAX_MANIFEST_CHARS, type ManifestValidation, type PolicyFormat } from '../../modules/privacy/manifest/index.js';

export interface ManifestCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly today: () => string;
}

const defaultIo: ManifestCommandIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  today: () => new Date().toISOString().slice(0, 10),
};

async function loadManifest(file: string, io: ManifestCommandIo): Promise<ManifestValidation | undefined> {
  let text: string;
  try {
    // Refuse a huge file without reading it; validateManifest applies the exact character limit.
    const { size } = await stat(file);
    if (size > MAX_MANIFEST_CHARS * 4) {
      io.stderr(`${file}:1:1 the file has ${size} bytes; a manifest may have at most ${MAX_MANIFEST_CHARS} characters\n`);
      process.exitCode = 1;
      return undefined;
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    io.stderr(`${file}: cannot read the manifest: ${reason}\n`);
    process.exitCode = 2;
    return undefined;
  }
  const result = validateManifest(text, file);
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${file}\n`);
    process.exitCode = 1;
  }
  return result;
}

/** `meshvault manifest check FILE` and `meshvault manifest render FILE --format html|md|json`. */
export function registerManifestCommand(program: Command, io: ManifestCommandIo = defaultIo): void {
  const manifest = program.command('manifest').description('check and render the privacy manifest');
  manifest
    .command('check')
    .description('validate a privacy manifest and list every problem as FILE:LINE:COL path: message')
    .argument('<file>', 'the manifest YAML file')
    .action(async (file: string) => {
      const result = await loadManifest(file, io);
      if (result?.ok) io.stdout('valid\n');
    });
  manifest
    .command('render')
    .description('print the privacy policy rendered from a manifest')
    .argument('<file>', 'the manifest YAML file')
    .addOption(new Option('--format <format>', 'output format').choices(['html', 'md', 'json']).default('md'))
    .option('--last-updated <date>', 'the date shown as "last updated" (YYYY-MM-DD); today by default')
    .option('--policy-version <version>', 'the version label shown in the policy', 'draft')
    .action(async (file: string, options: { format: PolicyFormat; lastUpdated?: string; policyVersion: string }) => {
      if (options.lastUpdated !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.lastUpdated)) {
        io.stderr(`--last-updated must be a date such as 2025-01-15, not "${options.lastUpdated}"\n`);
        process.exitCode = 2;
        return;
      }
      const result = await loadManifest(file, io);
      if (!result?.ok) return;
      io.stdout(renderPolicy(result.manifest, { format: options.format, lastUpdated: options.lastUpdated ?? io.today(), version: options.policyVersion }));
    });
}
