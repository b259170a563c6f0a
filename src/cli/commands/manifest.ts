import { Option, type Command } from 'commander';
import type { ManifestCheck } from '../../modules/privacy/index.js';
import type { PolicyFormat } from '../../modules/privacy/manifest/index.js';
import type { CliContext } from '../cli-context.js';
import { plural, printCheck, readManifestFile } from '../manifest-file.js';

type Checked = { check: ManifestCheck; offlineBecause?: string };

/** The privacy module is loaded by the command that runs, not by the program listing it. */
async function checkManifestOffline(yaml: string, file: string): Promise<ManifestCheck> {
  return (await import('../../modules/privacy/index.js')).checkManifestOffline(yaml, file);
}

/**
 * The same validation `privacy publish` runs, against this installation when one can be reached
 * (the running server's, or its database opened here); otherwise the checks that need only the file.
 */
async function checkHere(ctx: CliContext, yaml: string, file: string, offline: boolean): Promise<Checked> {
  const why = offline ? 'asked with --offline' : ctx.whyNoInstallation?.();
  if (why !== undefined) return { check: await checkManifestOffline(yaml, file), offlineBecause: why };
  let opened = false;
  try {
    const check = await ctx.withApp(async (app) => {
      opened = true;
      return app.services.privacy.checkManifest(yaml, file);
    });
    return { check };
  } catch (error) {
    if (opened) throw error;
    const reason = ((error as Error).message.split('\n')[0] ?? '').slice(0, 300);
    return { check: await checkManifestOffline(yaml, file), offlineBecause: `the installation could not be opened: ${reason}` };
  }
}

function sayValid(ctx: CliContext, { check, offlineBecause }: Checked): void {
  const warned = check.warnings.length > 0 ? `, with ${plural(check.warnings.length, 'warning')}` : '';
  if (check.notChecked.length === 0) {
    ctx.io.out(`valid for this installation${warned}`);
    return;
  }
  ctx.io.out(`valid offline${warned}`);
  ctx.io.out(`Not checked, since no installation was reached (${offlineBecause ?? 'offline'}):`);
  for (const name of check.notChecked) ctx.io.out(`  - ${name}`);
  ctx.io.out('`meshvault privacy publish` runs every check before it publishes.');
}

/** `meshvault manifest check FILE` and `meshvault manifest render FILE --format html|md|json`. */
export function registerManifestCommand(program: Command, ctx: CliContext, today: () => string = () => new Date().toISOString().slice(0, 10)): void {
  const manifest = program.command('manifest').description('check and render the privacy manifest');
  manifest
    .command('check')
    .description('check a privacy manifest as `privacy publish` would, against this installation when one is reachable, and list every problem as FILE:LINE:COL path: message')
    .argument('<file>', 'the manifest YAML file')
    .option('--offline', 'run only the checks that need no installation')
    .action(async (file: string, options: { offline?: boolean }) => {
      const yaml = await readManifestFile(ctx.io, file);
      if (yaml === null) return;
      const checked = await checkHere(ctx, yaml, file, options.offline === true);
      const problems = await printCheck(ctx.io, checked.check);
      if (problems > 0) return ctx.io.fail(`${plural(problems, 'problem')} in ${file}`);
      sayValid(ctx, checked);
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
        return ctx.io.fail(`--last-updated must be a date such as 2025-01-15, not "${options.lastUpdated}"`, 2);
      }
      const yaml = await readManifestFile(ctx.io, file);
      if (yaml === null) return;
      const check = await checkManifestOffline(yaml, file);
      const problems = await printCheck(ctx.io, check);
      if (!check.ok) return ctx.io.fail(`${plural(problems, 'problem')} in ${file}`);
      const { renderPolicy } = await import('../../modules/privacy/manifest/index.js');
      ctx.io.out(renderPolicy(check.manifest, { format: options.format, lastUpdated: options.lastUpdated ?? today(), version: options.policyVersion }));
    });
}
