import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerAuditCommand(program: Command, ctx: CliContext) {
  const audit = program.command('audit').description('The tamper-evident audit log.');
  audit
    .command('verify')
    .description('Check the hash chain; names the first entry that was edited, deleted or reordered.')
    .action(async () => {
      await ctx.withApp(async (app) => {
        const { verifyAuditChain } = await import('../../modules/audit/index.js');
        const result = await verifyAuditChain(app.db);
        if (result.ok) ctx.io.out(`Audit log intact: ${result.entries} entries verified.`);
        else ctx.io.fail(`Audit log TAMPERED: ${result.problem}${result.firstBadId !== null ? ` (first bad entry: ${result.firstBadId})` : ''}.`);
      });
    });
}
