import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerMigrateCommand(program: Command, ctx: CliContext) {
  program
    .command('migrate')
    .description('Bring the database schema up to date (the server also does this at start).')
    .action(async () => {
      await ctx.withApp(async () => {
        ctx.io.out('Database schema is up to date.');
      });
    });
}
