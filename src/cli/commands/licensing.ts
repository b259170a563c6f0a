import type { Command } from 'commander';
import { CLI_ACTOR } from '../../platform/unit-of-work/actors.js';
import type { CliContext } from '../cli-context.js';

export function registerLicensingCommand(program: Command, ctx: CliContext) {
  const licensing = program.command('licensing').description('Software licences for the desktop API.');
  licensing
    .command('rotate-signing-key')
    .description('Make a new Ed25519 key to sign offline licence files; the old one is retired but stays published for files it signed.')
    .action(async () => {
      await ctx.withApp(async (app) => {
        const { keyId, publicKey } = await app.services.licensing.rotateSigningKey({ actor: CLI_ACTOR, requestId: null });
        ctx.io.out(`New licence signing key ${keyId}. Public key (DER/SPKI, base64), for apps that pin it:\n${publicKey}`);
        ctx.io.out('It is published at /api/desktop/v1/public-key, with the retired keys under "previous".');
      });
    });
}
