import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { formatProblem, MAX_MANIFEST_CHARS, type ManifestProblem } from '../../modules/privacy/manifest/index.js';
import { isAppError } from '../../platform/errors/index.js';
import type { CliContext } from '../cli-context.js';

async function readManifestFile(ctx: CliContext, file: string): Promise<string | null> {
  try {
    const { size } = await stat(file);
    if (size > MAX_MANIFEST_CHARS * 4) {
      ctx.io.fail(`${file}:1:1 the file has ${size} bytes; a manifest may have at most ${MAX_MANIFEST_CHARS} characters`);
      return null;
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    ctx.io.fail(`${file}: cannot read the manifest: ${reason}`, 2);
    return null;
  }
}

/** `meshvault privacy publish FILE` and `meshvault privacy versions`: the published policy's versions. */
export function registerPrivacyCommand(program: Command, ctx: CliContext) {
  const privacy = program.command('privacy').description('Publish the privacy manifest and list its published versions.');

  privacy
    .command('publish')
    .description('Publish a manifest as the next version of the privacy policy (a significant change e-mails every user).')
    .argument('<file>', 'the manifest YAML file (check it first with `meshvault manifest check FILE`)')
    .action(async (file: string) => {
      const path = resolve(file);
      const yaml = await readManifestFile(ctx, path);
      if (yaml === null) return;
      await ctx.withApp(async (app) => {
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
          for (const problem of problems) ctx.io.err(formatProblem(problem));
          ctx.io.fail(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}; nothing was published.`);
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
