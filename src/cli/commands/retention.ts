import type { Command } from 'commander';
import { CLI_ACTOR } from '../../platform/unit-of-work/actors.js';
import type { RetentionPlan } from '../../modules/retention/index.js';
import type { CliContext } from '../cli-context.js';

/** `meshvault retention plan|run|certificates|certificate ID`: the manifest's periods, enforced. */
export function registerRetentionCommand(program: Command, ctx: CliContext) {
  const retention = program.command('retention').description('Retention: what the manifest\'s periods remove, removing it, and the disposal certificates.');

  retention
    .command('plan')
    .description('List what the next run would remove, by table, category and rule, with counts and the earliest dates.')
    .option('--json', 'print JSON (for monitoring)')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withApp(async (app) => {
        const plan = await app.services.retention.planRetention();
        if (opts.json) return ctx.io.out(JSON.stringify(plan, null, 2));
        printPlan(ctx, plan);
      });
    });

  retention
    .command('run')
    .description('Remove what reached the end of its period now (or finish the run a stopped process left), and print the disposal certificate.')
    .option('--json', 'print the certificate as JSON')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withApp(async (app) => {
        const result = await app.services.retention.runRetention({ actor: CLI_ACTOR });
        if (opts.json) return ctx.io.out(JSON.stringify({ ...result.certificate, sha256: result.sha256, resumed: result.resumed }, null, 2));
        if (result.resumed) ctx.io.out('Finished the run a stopped process had left.');
        ctx.io.out((await app.services.retention.readDisposalCertificate(null, result.runId)).text);
      });
    });

  retention
    .command('certificates')
    .description('List the disposal certificates of past runs, newest first.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await ctx.withApp(async (app) => {
        const list = await app.services.retention.listDisposalCertificates(null);
        if (opts.json) return ctx.io.out(JSON.stringify(list, null, 2));
        if (list.length === 0) return ctx.io.out('No retention run has completed yet.');
        for (const c of list) ctx.io.out(`${c.runId}  ${c.completedAt.slice(0, 19)}Z  ${String(c.rows).padStart(8)} rows  ${String(c.files).padStart(5)} files  sha256 ${c.sha256.slice(0, 16)}…`);
      });
    });

  retention
    .command('certificate')
    .argument('<runId>', 'the run whose certificate to print (from `meshvault retention certificates`)')
    .description('Print one run\'s disposal certificate.')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      // zod loads when this command runs, not whenever the CLI starts.
      const { z } = await import('zod');
      if (!z.uuid().safeParse(runId).success) return ctx.io.fail(`"${runId.slice(0, 60)}" is not a run id; list them with \`meshvault retention certificates\`.`);
      await ctx.withApp(async (app) => {
        const found = await app.services.retention.readDisposalCertificate(null, runId);
        ctx.io.out(opts.json ? JSON.stringify({ ...found.certificate, sha256: found.sha256 }, null, 2) : found.text);
      });
    });
}

function printPlan(ctx: CliContext, plan: RetentionPlan) {
  ctx.io.out(`Retention plan as of ${plan.asOf} (policy version ${plan.policyVersion}):`);
  if (plan.items.length === 0) return ctx.io.out('Nothing has reached the end of its retention period.');
  for (const i of plan.items) {
    const what = i.effect === 'delete rows' ? `${i.rows} row${i.rows === 1 ? '' : 's'} ${i.endAction === 'aggregate' ? 'counted, then deleted' : 'deleted'}${i.files ? ' (files crypto-shredded)' : ''}` : `${i.rows} row${i.rows === 1 ? '' : 's'}: ${i.columns.join(', ')} blanked`;
    const by = i.enforcedBy ? ` — left to the ${i.enforcedBy} module` : '';
    ctx.io.out(`  ${i.table} · ${i.category} · ${i.rule}, then ${i.endAction}: ${what}; earliest started ${i.earliestStart?.slice(0, 10) ?? '?'}, ended ${i.earliestEnd?.slice(0, 10) ?? '?'}${by}`);
  }
  ctx.io.out(`Total: ${plan.totalRows} rows.`);
}
