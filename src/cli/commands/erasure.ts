import type { Command } from 'commander';
import { CLI_ACTOR } from '../../platform/unit-of-work/actors.js';
// The ledger's own file (node built-ins only), not the module's index: the help text must not load the app.
import { LEDGER_FILE_NAME } from '../../modules/erasure/erasure-ledger.js';
import type { CliContext } from '../cli-context.js';

export function registerErasureCommand(program: Command, ctx: CliContext) {
  const erasure = program.command('erasure').description('Erasure of accounts (right to erasure) and its ledger.');
  erasure
    .command('replay')
    .description(`After restoring a backup: erase again every account the erasure ledger lists (the database's and ${LEDGER_FILE_NAME} in the data directory).`)
    .option('--ledger <file>', `a ledger file to read instead of ${LEDGER_FILE_NAME} in the data directory (e.g. a copy kept off-site)`)
    .action(async (opts: { ledger?: string }) => {
      await ctx.withApp(async (app) => {
        const result = await app.services.rights.replayErasures(opts.ledger ? { ledgerFile: opts.ledger } : {});
        ctx.io.out(`Erasure ledger: ${result.ledgerEntries} entr${result.ledgerEntries === 1 ? 'y' : 'ies'}; ${result.checkedAccounts} account${result.checkedAccounts === 1 ? '' : 's'} checked.`);
        ctx.io.out(result.erased.length ? `Erased again: ${result.erased.length} account${result.erased.length === 1 ? '' : 's'} a restored backup had brought back.` : 'No erased account is present: nothing to do.');
        if (result.unknownKeys.length) {
          ctx.io.fail(`${result.unknownKeys.length} ledger key${result.unknownKeys.length === 1 ? ' is' : 's are'} not in this installation's master keys (${result.unknownKeys.join(', ')}): restore the master key file from the same backup, then replay again.`);
        }
      });
    });
  erasure
    .command('run')
    .argument('<userId>', 'the id of the account to erase')
    .description('Erase an account now, on the operator\'s decision (e.g. a request received by post); prints the certificate.')
    .action(async (userId: string) => {
      // zod loads when this command runs, not whenever the CLI starts.
      const { z } = await import('zod');
      if (!z.uuid().safeParse(userId).success) {
        ctx.io.fail(`"${userId.slice(0, 60)}" is not an account id (a UUID such as 3f2b…); find it with \`meshvault user list\`.`);
        return;
      }
      await ctx.withApp(async (app) => {
        const exists = await app.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
        if (!exists) {
          ctx.io.fail(`No account has the id ${userId}.`);
          return;
        }
        const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, userId, { queue: false });
        await app.services.rights.runErasure(erasureId);
        const row = await app.db.selectFrom('erasures').select(['certificate_text']).where('id', '=', erasureId).executeTakeFirst();
        ctx.io.out(row?.certificate_text ?? `Erasure ${erasureId} completed.`);
      });
    });
}
