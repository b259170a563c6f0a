import type { Command } from 'commander';
import { addPrimaryKeyToFile, MASTER_KEY_FILE_NAME } from '../../platform/crypto/master-key-file.js';
import type { CliContext } from '../cli-context.js';

export function registerVaultCommand(program: Command, ctx: CliContext) {
  const vault = program.command('vault').description('The encrypted file vault and its master keys.');
  vault
    .command('rotate-key')
    .description(`Add a new primary master key to ${MASTER_KEY_FILE_NAME} and re-wrap every file's key under it (files are not re-encrypted).`)
    .action(async () => {
      const config = ctx.config();
      if (config.masterKeyBase64) {
        ctx.io.fail(
          'The master key comes from MESHVAULT_MASTER_KEY, so it is rotated there: this command only rotates the key file. ' +
            'Unset MESHVAULT_MASTER_KEY to use the key file, or keep managing the key in your secret store.',
        );
        return;
      }
      await ctx.withApp(async (app) => {
        const ring = await addPrimaryKeyToFile(config.dataDir);
        const result = await app.services.files.rewrapAllKeys(ring);
        // Invoices live in the same vault: their keys follow, or retiring the old key would lose them.
        const invoices = await app.services.orders.rewrapInvoiceKeys();
        // So are the connections' signing secrets and connector credentials, sealed under the master key.
        const connections = await app.services.integrations.resealSecrets();
        ctx.io.out(
          `New primary master key ${result.masterKeyId} added to ${MASTER_KEY_FILE_NAME}. ` +
            `Re-wrapped ${result.files} file key${result.files === 1 ? '' : 's'}, ${result.previews} preview key${result.previews === 1 ? '' : 's'}, ${invoices.rewrapped} invoice key${invoices.rewrapped === 1 ? '' : 's'} and ${result.uploads} key${result.uploads === 1 ? '' : 's'} of uploads in progress; ` +
            `Sealed the secrets of ${connections.resealed} connection${connections.resealed === 1 ? '' : 's'} again; ` +
            `${result.alreadyCurrent + invoices.alreadyCurrent + connections.alreadyCurrent} already used the new key.`,
        );
        ctx.io.out(
          'The older keys stay in the file so backups made before today can still be read. Other Meshvault processes on this installation ' +
            '(separate workers or API servers) must be restarted to load the new key.',
        );
      });
    });
}
