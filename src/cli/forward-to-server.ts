import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../platform/config/index.js';
import { commandEnvOf, sendToControlSocket, type CommandResult } from '../server/control-socket.js';

/** Commands whose third word is a file, and options whose value is one. */
const FILE_ARGUMENT_OF = [['backup', 'create'], ['backup', 'restore'], ['backup', 'prune'], ['privacy', 'publish'], ['manifest', 'check']];
const FILE_OPTIONS = new Set(['--passphrase-file', '--ledger']);

/**
 * The server runs a forwarded command in its own working directory: a relative path the operator
 * typed is made absolute here, where it was meant.
 */
export function withAbsolutePaths(argv: string[], cwd: string): string[] {
  const out = [...argv];
  const positional: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const arg = out[i]!;
    const eq = arg.indexOf('=');
    if (FILE_OPTIONS.has(arg) && i + 1 < out.length) {
      out[i + 1] = resolve(cwd, out[i + 1]!);
      i++;
    } else if (eq > 0 && FILE_OPTIONS.has(arg.slice(0, eq))) {
      out[i] = `${arg.slice(0, eq)}=${resolve(cwd, arg.slice(eq + 1))}`;
    } else if (!arg.startsWith('-')) {
      positional.push(i);
    }
  }
  const [command, sub, file] = positional.map((i) => out[i]);
  if (file !== undefined && FILE_ARGUMENT_OF.some(([a, b]) => command === a && sub === b)) out[positional[2]!] = resolve(cwd, file);
  return out;
}

/**
 * Hands a command to the server that owns the embedded database. When the server dies before
 * answering, the answer says so plainly (it is no bug of the CLI: no stack), and what a half-done
 * `backup create` left is removed, since the server no longer can.
 */
export async function forwardToServer(opts: { config: Pick<Config, 'dataDir' | 'backupPassphrase'>; argv: string[]; cwd: string; serverPid: number }): Promise<CommandResult> {
  const argv = withAbsolutePaths(opts.argv, opts.cwd);
  try {
    return await sendToControlSocket(opts.config.dataDir, argv, commandEnvOf(opts.config));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const [command = '', sub = '', file] = argv.filter((a) => !a.startsWith('-'));
    let outcome = 'It may or may not have finished: check before running it again.';
    if (command === 'backup' && sub === 'create' && file) {
      outcome = 'No backup was written.';
      try {
        rmSync(`${file}.partial`, { force: true });
      } catch {
        outcome += ` Remove ${file}.partial: it is not a backup.`;
      }
    }
    const stderr = `Error: the Meshvault server (pid ${opts.serverPid}) did not answer \`${`${command} ${sub}`.trim()}\` (${reason}); it has probably stopped. ${outcome}\n`;
    return { exitCode: 1, stdout: '', stderr };
  }
}
