import type { App } from '../app.js';
import { loadConfigWith } from '../platform/config/index.js';
import type { CommandRunner } from '../server/control-socket.js';
import { createBufferIo } from './cli-context.js';
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

/**
 * Commander ends the process on a usage error or after printing help, from whichever command met it;
 * a subcommand takes that setting from its parent only when it is created. In the server, ending the
 * process would stop the server (`meshvault database vacuum extra` did), so every command of the
 * program throws instead, and the error becomes the answer.
 */
export function throwInsteadOfExit(command: Command) {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExit(sub);
}

/**
 * Runs a CLI command that arrived over the control socket against the server's own app. The program
 * is handed in (not imported) because `serve`, part of that program, is what starts the server.
 */
export function runInsideServer(app: App, buildProgram: (ctx: CliContext) => Command): CommandRunner {
  return async (argv, env) => {
    const io = createBufferIo();
    // The server's configuration, but for what the command's caller set for it (a backup passphrase).
    const program = buildProgram({ io, config: () => loadConfigWith(env), withApp: (fn) => fn(app), insideServer: true });
    throwInsteadOfExit(program);
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (error) {
      const e = error as { exitCode?: number; code?: string; message: string };
      if (!e.code?.startsWith('commander.')) io.fail(e.message);
      else if (e.exitCode) io.exitCode = e.exitCode;
    }
    return { exitCode: io.exitCode, stdout: io.stdout.join(''), stderr: io.stderr.join('') };
  };
}
