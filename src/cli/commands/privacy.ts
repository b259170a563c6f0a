import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../platform/unit-of-work/actors.js';
import type { ManifestProblem } from '../../modules/privacy/manifest/index.js';
import { isAppError } from '../../platform/errors/index.js';
import type { CliContext } from '../cli-context.js';
import { plural, printCheck, readManifestFile } from '../manifest-file.js';

/** `meshvault privacy publish FILE` and `meshvault privacy versions`: the published policy's versions. */
export function registerPrivacyCommand(program: Command, ctx: CliContext) {
  const privacy = program.command('privacy').description('Publish the privacy manifest and list its published versions.');

  privacy
    .command('publish')
    .description('Publish a manifest as the next version of the privacy policy (a significant change e-mails every user).')
    .argument('<file>', 'the manifest YAML file (it is checked as `meshvault manifest check FILE` checks it)')
    .action(async (file: string) => {
      const path = resolve(file);
      const yaml = await readManifestFile(ctx.io, path);
      if (yaml === null) return;
      await ctx.withApp(async (app) => {
        // The one validation `manifest check` runs: its warnings are printed, its problems refuse.
        const problems = await printCheck(ctx.io, app.services.privacy.checkManifest(yaml, file));
        if (problems > 0) return ctx.io.fail(`${plural(problems, 'problem')} in ${file}; nothing was published.`);
        try {
          // A significant change queues the e-mail notices: the queue must accept jobs.
          await app.startJobs();
          const published = await app.services.privacy.publish(CLI_ACTOR, yaml, { requestId: 'cli', file });
          ctx.io.out(`Published version ${published.version} (${published.changeLevel}), in force from ${published.effectiveAt.toISOString().slice(0, 10)}.`);
          for (const reason of published.reasons) ctx.io.out(`  significant: it ${reason}`);
          if (published.notifying) ctx.io.out('Every user is being e-mailed a notice of the change.');
          if (published.consentPurposes.length > 0) ctx.io.out(`Users will be asked again for consent to: ${published.consentPurposes.join(', ')}.`);
        } catch (error) {
          if (!isAppError(error)) throw error;
          const problems = (error.details['problems'] ?? []) as ManifestProblem[];
          if (problems.length === 0) return ctx.io.fail(error.message);
          const { formatProblem } = await import('../../modules/privacy/manifest/index.js');
          for (const problem of problems) ctx.io.err(formatProblem(problem));
          ctx.io.fail(`${plural(problems.length, 'problem')} in ${file}; nothing was published.`);
        }
      });
    });

  privacy
    .command('versions')
    .description('List every published version of the privacy policy, newest first.')
    .action(async () => {
      await ctx.withApp(async (app) => {
        for (const v of await app.services.privacy.listVersions()) {
          ctx.io.out(`${String(v.version).padStart(4)}  ${v.publishedAt.toISOString().slice(0, 10)}  ${v.changeLevel.padEnd(11)} ${v.summary}`);
        }
      });
    });
}
