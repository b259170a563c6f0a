import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../../platform/errors/index.js';
import { projectRoot } from '../../app-paths.js';
import { MASTER_KEY_FILE_NAME } from '../../platform/crypto/master-key-file.js';
import { LEDGER_OBJECT_PREFIX } from '../../modules/erasure/erasure-ledger.js';
import type { StorageDriver } from '../../platform/storage/index.js';
import type { CliContext } from '../cli-context.js';

function passphraseFrom(ctx: CliContext, file: string | undefined): string | null {
  if (file) return readFileSync(file, 'utf8').trim();
  const fromEnv = ctx.config().backupPassphrase;
  if (fromEnv) return fromEnv;
  ctx.io.fail('A backup is encrypted with a passphrase: give --passphrase-file FILE or set MESHVAULT_BACKUP_PASSPHRASE (at least 12 characters).');
  return null;
}

/** The installation's S3 bucket while `run` runs, when its files live there (else undefined: they are in the data directory). */
async function withBucket<T>(ctx: CliContext, run: (objects: StorageDriver | undefined) => Promise<T>): Promise<T> {
  const storage = ctx.config().storage;
  if (storage.kind !== 's3') return run(undefined);
  const { openStorage } = await import('../../platform/storage/index.js');
  const bucket = await openStorage(storage);
  try {
    return await run(bucket.driver);
  } finally {
    bucket.close();
  }
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
        const summary = await withBucket(ctx, (objects) =>
          createBackup({
          database: app.database,
          dataDir: config.dataDir,
          include: ['files', MASTER_KEY_FILE_NAME],
          // The shared erasure ledger stays out, like its file: a restore must not roll it back.
          ...(objects ? { objects, skipObjectPrefixes: [LEDGER_OBJECT_PREFIX] } : {}),
          passphrase,
          outFile: resolve(file),
          appVersion: version,
          now: () => new Date(),
        })).catch((error: unknown) => {
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
        const summary = await withBucket(ctx, (objects) =>
          restoreBackup({
          database,
          dataDir: ctx.config().dataDir,
          ...(objects ? { objects } : {}),
          passphrase,
          inFile: resolve(file),
          skipTables: ['kysely_migration', 'kysely_migration_lock'],
        }));
        ctx.io.out(`Restored ${summary.rows} rows and ${summary.files} files from ${resolve(file)}.`);
      });
      // Before anyone is served: what was erased or ran out of its period since the backup goes again.
      const { withDirectApp } = await import('../direct-app.js');
      const { replayAfterRestore } = await import('../replay-after-restore.js');
      await withDirectApp(ctx.config(), async (app) => {
        const { erasures, retention } = await replayAfterRestore(app);
        ctx.io.out(`Erased again: ${erasures.erased.length} account${erasures.erased.length === 1 ? '' : 's'} erased since the backup was taken.`);
        ctx.io.out(`Retention as of now: ${retention.certificate.totalRows} rows and ${retention.certificate.totalFiles} files past their period removed (disposal certificate ${retention.runId}).`);
        if (erasures.unknownKeys.length > 0) ctx.io.fail(`${erasures.unknownKeys.length} erasure ledger key(s) are not in this installation's master keys: restore the master key file from the same backup, then run \`meshvault erasure replay\`.`);
      });
    });
  backup
    .command('prune')
    .description("Delete the backups in a folder older than the manifest's backup_retention (or --keep).")
    .argument('<dir>', 'the folder holding the backups (other files in it are left alone)')
    .option('--keep <duration>', 'keep backups this long, e.g. P35D (when the manifest states no backup_retention)')
    .option('--dry-run', 'list what would be deleted, delete nothing')
    .option('--passphrase-file <file>', 'read the passphrase from this file (else MESHVAULT_BACKUP_PASSPHRASE)')
    .action(async (dir: string, opts: { keep?: string; dryRun?: boolean; passphraseFile?: string }) => {
      const passphrase = passphraseFrom(ctx, opts.passphraseFile);
      if (!passphrase) return;
      const { parseIsoDuration, addDurationToDate } = await import('../../modules/privacy/index.js');
      const flag = opts.keep === undefined ? null : parseIsoDuration(opts.keep);
      if (opts.keep !== undefined && !flag) return ctx.io.fail(`--keep ${opts.keep.slice(0, 40)} is not a duration: write it as P35D, P6M or P1Y.`);
      const keep = flag ?? (await ctx.withApp(async (app) => (await app.services.policy.current()).values.backupRetention));
      if (!keep) return ctx.io.fail('The privacy manifest states no backup_retention: give --keep DURATION (e.g. P35D), or state it in the manifest.');
      const now = new Date();
      const { pruneBackups } = await import('../../platform/backup/index.js');
      // Kept through the last day of its period, as retention keeps rows.
      const result = await pruneBackups({ dir: resolve(dir), passphrase, dryRun: opts.dryRun ?? false, expired: (createdAt) => new Date(`${addDurationToDate(createdAt, keep)}T00:00:00Z`) <= now });
      for (const f of result.deleted) ctx.io.out(`${opts.dryRun ? 'Would delete' : 'Deleted'} ${f}`);
      ctx.io.out(`${result.kept.length} backup${result.kept.length === 1 ? '' : 's'} kept, ${result.deleted.length} ${opts.dryRun ? 'to delete' : 'deleted'}.`);
      for (const u of result.unreadable) ctx.io.err(`Could not read ${u.file}: ${u.why}`);
      if (result.unreadable.length > 0) ctx.io.fail(`${result.unreadable.length} backup${result.unreadable.length === 1 ? '' : 's'} could not be read with this passphrase and were left in place.`);
    });
}
