import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

export function registerMigrateToCommand(program: Command, ctx: CliContext) {
  program
    .command('migrate-to')
    .description('Copy this embedded installation (PGlite + data/files) to PostgreSQL + S3 and verify the copy (stop the server first).')
    .requiredOption('--database-url <url>', 'an empty PostgreSQL database (postgres://…)')
    .requiredOption('--storage-url <url>', 's3://bucket/prefix (MESHVAULT_S3_* give the endpoint, region and credentials)')
    .action(async (opts: { databaseUrl: string; storageUrl: string }) => {
      if (ctx.insideServer) return ctx.io.fail('Stop the server before migrating: the copy must see an installation nobody changes.');
      const config = ctx.config();
      if (config.database.kind !== 'pglite' || config.storage.kind !== 'local') {
        return ctx.io.fail('migrate-to copies an embedded installation (no MESHVAULT_DATABASE_URL, no MESHVAULT_STORAGE_URL); this one is already on PostgreSQL or S3.');
      }
      if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) return ctx.io.fail('--database-url must be a postgres:// or postgresql:// URL.');
      const { storageConfigFor } = await import('../../platform/config/index.js');
      const targetStorage = storageConfigFor(opts.storageUrl, config.dataDir);
      const [{ withDirectDatabase }, { migrateToLatest, openDatabase }, { openStorage, createLocalStorageDriver }, { loadOrCreateMasterKeys }, { verifyAuditChain }, { migrateInstallation }, { MODULES_DIR }] =
        await Promise.all([
          import('../direct-app.js'),
          import('../../platform/db/index.js'),
          import('../../platform/storage/index.js'),
          import('../../platform/crypto/index.js'),
          import('../../modules/audit/index.js'),
          import('../migrate-installation.js'),
          import('../../app-paths.js'),
        ]);
      // The source is opened as `meshvault migrate` would (brought to this version's schema), the target migrated empty.
      await withDirectDatabase(config, async (sourceDatabase) => {
        const targetDatabase = await openDatabase({ kind: 'postgres', url: opts.databaseUrl });
        const storage = await openStorage(targetStorage);
        try {
          await migrateToLatest(targetDatabase.db, MODULES_DIR);
          const masterKeys = await loadOrCreateMasterKeys({ dataDir: config.dataDir, configuredKeys: config.masterKeyBase64 });
          await migrateInstallation({
            source: { database: sourceDatabase, storage: createLocalStorageDriver({ rootDir: config.filesDir }) },
            target: { database: targetDatabase, storage: storage.driver },
            masterKeys,
            verifyAuditChain: (db) => verifyAuditChain(db),
            progress: (line) => ctx.io.out(line),
          });
        } finally {
          storage.close();
          await targetDatabase.close();
        }
      });
      ctx.io.out(
        [
          '',
          'The installation is copied and verified. To run on it, give every process:',
          '  MESHVAULT_DATABASE_URL=<the --database-url>',
          `  MESHVAULT_STORAGE_URL=${opts.storageUrl} (and the same MESHVAULT_S3_* variables)`,
          `  the same master keys: a copy of ${config.dataDir}/master.key in each process's MESHVAULT_DATA_DIR${config.masterKeyBase64 ? ', and the MESHVAULT_MASTER_KEY this installation uses' : ' (or, if it has one key line, that line as MESHVAULT_MASTER_KEY)'}: every file is still wrapped under them`,
          `Keep a copy of the erasure ledger file of ${config.dataDir} with your backups (erasure replay --ledger reads it after a restore); erasures from now on are kept in the bucket too, whichever worker runs them.`,
          `Keep ${config.dataDir} until the new installation runs: it is the copy to return to. Jobs queued but not yet run were not copied; scheduled ones are scheduled again by the first worker.`,
        ].join('\n'),
      );
    });
}
