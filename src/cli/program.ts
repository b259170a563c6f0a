import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerBackupCommand } from './commands/backup.js';
import { registerDatabaseCommand } from './commands/database.js';
import { registerErasureCommand } from './commands/erasure.js';
import { registerLicensingCommand } from './commands/licensing.js';
import { registerMailCommand } from './commands/mail.js';
import { registerManifestCommand } from './commands/manifest.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerMigrateToCommand } from './commands/migrate-to.js';
import { registerModelCommand } from './commands/model-analyze.js';
import { registerPrivacyCommand } from './commands/privacy.js';
import { registerRetentionCommand } from './commands/retention.js';
import { registerPrivacyCheckCommand } from './commands/privacy-check.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommand } from './commands/user.js';
import { registerVaultCommand } from './commands/vault.js';
import { createRootCommand } from './root-command.js';

/** Commands that open the installation's database (forwarded to a running embedded server). */
export const DATABASE_COMMANDS = new Set(['migrate', 'user', 'mail', 'audit', 'backup', 'privacy', 'vault', 'erasure', 'retention', 'licensing', 'database']);

/** `manifest check` uses the installation when there is one (forwarded to its server), and runs offline otherwise. */
export function checksAgainstInstallation(argv: readonly string[]): boolean {
  const [command, sub] = argv.filter((a) => !a.startsWith('-'));
  return command === 'manifest' && sub === 'check' && !argv.includes('--offline');
}

/**
 * Every command is registered here, one line each, from its file in commands/. Listing a command must
 * not load what running it needs: a command file imports at its top only what its names, options and
 * help text use (commander, small files), and loads the rest (the app, a module's index, the server)
 * with `await import(…)` in its action, so `meshvault model analyze` or `--help` never load Fastify,
 * pg-boss or the database driver.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = createRootCommand(ctx.io);
  registerServeCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerMigrateToCommand(program, ctx);
  registerUserCommand(program, ctx);
  registerMailCommand(program, ctx);
  registerAuditCommand(program, ctx);
  registerBackupCommand(program, ctx);
  registerDatabaseCommand(program, ctx);
  registerManifestCommand(program, ctx);
  registerPrivacyCommand(program, ctx);
  registerPrivacyCheckCommand(program, ctx);
  registerModelCommand(program);
  registerVaultCommand(program, ctx);
  registerErasureCommand(program, ctx);
  registerRetentionCommand(program, ctx);
  registerLicensingCommand(program, ctx);
  return program;
}
