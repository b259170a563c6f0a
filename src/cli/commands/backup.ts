import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../platform/errors/index.js';
import { projectRoot } from '../../app-paths.js';
import { MASTER_KEY_FILE_NAME } from '../../platform/crypto/master-key-file.js';
import type { CliContext } from '../cli-context.js';

function passphraseFrom(ctx: CliContext, file: string | undefined): string | null {
  if (file) return readFileSync(file, 'utf8').trim();
  const fromEnv = ctx.config().backupPassphrase;
  if (fromEnv) return fromEnv;
  ctx.io.fail('A backup is encrypted with a passphrase: give --passphrase-file FILE or set MESHVAULT_BACKUP_PASSPHRASE (at least 12 characters).');
  return null;
}

export function registerBackupCommand(program: Command, ctx: CliContext) {
  const backup = program.command('backup').description('Encrypted backups of the database and the stored files.');
  backup
    .command('create')
    .description('Write one consistent, encrypted archive; works while the server runs.')
    .argument('<file>', 'where to write the archive')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else MESHVAULT_BACKUP_PASSPHRASE)')
    .action(async (file: string, opts: { passphraseFile?: string }) => {
      const passphrase = passphraseFrom(ctx, opts.passphraseFile);
      if (!passphrase) return;
      await ctx.withApp(async (app) => {
        const config = ctx.config();
        const version = (JSON.parse(readFileSync(resolve(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
        const { createBackup } = await import('../../platform/backup/index.js');
        const summary = await createBackup({
          database: app.database,
          dataDir: config.dataDir,
          include: ['files', MASTER_KEY_FILE_NAME],
          passphrase,
          outFile: resolve(file),
          appVersion: version,
          now: () => new Date(),
        }).catch((error: unknown) => {
          // The database or the disk failing half-way is an outcome to report, not a bug to trace.
          if (isAppError(error)) throw error;
          throw new AppError('unavailable', `The backup was not written: ${(error as Error).message}. Nothing is left at ${resolve(file)}.partial; try again once the cause is fixed.`);
        });
        ctx.io.out(`Backup written to ${resolve(file)}: ${summary.rows} rows, ${summary.files} files, ${summary.bytes} bytes.`);
      });
    });
  backup
    .command('restore')
    .description('Restore an archive into an empty installation (stop the server first).')
    .argument('<file>', 'the archive')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else MESHVAULT_BACKUP_PASSPHRASE)')
    .action(async (file: string, opts: { passphraseFile?: string }) => {
      if (ctx.insideServer) return ctx.io.fail('Stop the server before restoring: a restore replaces the whole installation.');
      const passphrase = passphraseFrom(ctx, opts.passphraseFile);
      if (!passphrase) return;
      // Not through the app: starting it would publish a first manifest, and a restore needs an
      // installation with no rows at all.
      const { withDirectDatabase } = await import('../direct-app.js');
      const { restoreBackup } = await import('../../platform/backup/index.js');
      await withDirectDatabase(ctx.config(), async (database) => {
        const summary = await restoreBackup({
          database,
          dataDir: ctx.config().dataDir,
          passphrase,
          inFile: resolve(file),
          skipTables: ['kysely_migration', 'kysely_migration_lock'],
        });
        ctx.io.out(`Restored ${summary.rows} rows and ${summary.files} files from ${resolve(file)}.`);
      });
    });
}
