import { constants } from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerServeCommand(program: Command, ctx: CliContext) {
  program
    .command('serve')
    .description('Run Meshvault: API and web app, job worker, or both (the default).')
    .option('--role <role>', 'api | worker | all', 'all')
    .action(async (opts: { role: string }) => {
      const { z } = await import('zod');
      const role = z.enum(['api', 'worker', 'all']).safeParse(opts.role);
      if (!role.success) return ctx.io.fail('--role must be api, worker or all.');
      if (!ctx.commandRunner) return ctx.io.fail('meshvault serve cannot run inside a running server.');
      const config = ctx.config();
      const { createLogger } = await import('../../platform/log/index.js');
      const { startServer } = await import('../../server/start-server.js');
      const log = createLogger(config.logLevel);
      // Listened for before the start, which may take seconds: a signal meanwhile stops the server as
      // soon as it has started, drained as ever (not killed halfway through a migration); a second one
      // exits at once.
      const signalled = new Promise<string>((resolve) => {
        let stopRequested = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopRequested) process.exit(128 + constants.signals[signal]);
          stopRequested = true;
          resolve(signal);
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      const server = await startServer({ config, role: role.data, log, commandRunner: ctx.commandRunner });
      const backend = config.database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.database.dir}` : 'PostgreSQL';
      ctx.io.out(`\nMeshvault is running (${role.data}) on ${backend}.`);
      if (server.url) ctx.io.out(`Open ${server.url}`);
      if (server.firstAdmin) {
        ctx.io.out(`\nFirst start: an administrator account was created.\n  e-mail:   ${server.firstAdmin.email}`);
        ctx.io.out(
          server.firstAdmin.password
            ? `  password: ${server.firstAdmin.password}\n  (shown only this once; it is a one-time password: you will choose a new one when you sign in)`
            : '  password: the one given in MESHVAULT_ADMIN_PASSWORD',
        );
      }
      ctx.io.out('');
      const signal = await signalled;
      log.info({ signal }, 'draining before exit');
      await server.stop().catch((error: unknown) => {
        log.error({ err: error }, 'error while stopping');
        process.exitCode = 1;
      });
    });
}
