import { Command } from 'commander';
import type { CliIo } from './cli-context.js';

/** The `meshvault` command itself, before any subcommand is registered: its name, description and output. */
export function createRootCommand(io: CliIo): Command {
  return new Command('meshvault')
    .description('Meshvault: the customer platform for 3D businesses whose privacy policy runs.')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();
}

/**
 * `meshvault model …` with only the model command registered: it needs no installation, and the other
 * commands' files (some import node:crypto or node:fs/promises for their constants) are not loaded for
 * it. The result is the same as from the full program, whose `model` command is this one.
 */
export async function runModelCommand(io: CliIo, argv: readonly string[]): Promise<void> {
  const { registerModelCommand } = await import('./commands/model-analyze.js');
  const program = createRootCommand(io);
  registerModelCommand(program);
  await program.parseAsync(argv, { from: 'user' });
}
