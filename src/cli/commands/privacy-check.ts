import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

/** `meshvault privacy check [--json]`: the manifest proved against the live installation; exit 1 when anything fails. */
export function registerPrivacyCheckCommand(program: Command, ctx: CliContext) {
  const privacy = program.commands.find((c) => c.name() === 'privacy') ?? program.command('privacy');
  privacy
    .command('check')
    .description('Prove the manifest in force against this installation: columns classified, categories declared, nothing past its retention, no request past due, audit chain intact, cookies and recipients declared. Exits 1 when anything fails.')
    .option('--json', 'print JSON (for monitoring)')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withApp(async (app) => {
        const result = await app.services.privacyCheck();
        if (opts.json) ctx.io.out(JSON.stringify(result, null, 2));
        else {
          ctx.io.out(`Privacy check against policy version ${result.policyVersion}, ${result.checkedAt}:`);
          for (const check of result.checks) {
            ctx.io.out(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.title}${check.problems.length ? ` (${check.problems.length})` : ''}`);
            for (const problem of check.problems) ctx.io.out(`          ${problem}`);
            for (const note of check.notes) ctx.io.out(`          note: ${note}`);
          }
        }
        if (!result.ok) ctx.io.fail(`Privacy check failed: ${result.checks.filter((c) => !c.ok).map((c) => c.id).join(', ')}.`);
      });
    });
}
