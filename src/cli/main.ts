#!/usr/bin/env node
import { isAppError } from '../platform/errors/index.js';
import type { Config } from '../platform/config/index.js';
import { createProcessIo } from './cli-context.js';

const io = createProcessIo();
const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith('-'));
const wantsHelp = argv.includes('--help') || argv.includes('-h');
// `model` and the help need no installation: for them the configuration, and zod that checks it, is
// not loaded at all (a command loads the rest of what it runs in its action; see program.ts).
const needsInstallation = !wantsHelp && command !== undefined && command !== 'model';
const installation = needsInstallation
  ? await Promise.all([import('../platform/config/index.js'), import('./installation-reach.js'), import('./run-inside-server.js'), import('../server/instance-lock.js')])
  : undefined;
let config: Config | undefined;
const getConfig = (): Config => {
  if (!installation) throw new Error(`meshvault ${command ?? ''} reads no configuration`);
  return (config ??= installation[0].loadConfig());
};
const whyNoInstallation = () => installation?.[1].whyNoInstallation(getConfig) ?? 'this command needs no installation';

try {
  if (command === 'model' && !wantsHelp) {
    // `model analyze FILE` as usually written runs without commander (see model-analyze-output.ts);
    // else the model command alone: the other commands' files are not even loaded (see root-command.ts).
    const { runPlainModelAnalyze } = await import('./commands/model-analyze-output.js');
    if (!(await runPlainModelAnalyze(argv))) await (await import('./root-command.js')).runModelCommand(io, argv);
  } else {
    await runProgram();
  }
} catch (error) {
  if (installation && error instanceof installation[0].ConfigError) io.fail(error.message, 2);
  else if (isAppError(error)) io.fail(`Error: ${error.message}`, 1);
  else {
    io.fail(`Unexpected error: ${(error as Error).stack ?? String(error)}`, 1);
  }
}

async function runProgram(): Promise<void> {
  const { DATABASE_COMMANDS, buildProgram, checksAgainstInstallation } = await import('./program.js');
  // An embedded database belongs to the server process that opened it: hand the command to it.
  const usesDatabase = needsInstallation && ((command !== undefined && DATABASE_COMMANDS.has(command)) || (checksAgainstInstallation(argv) && whyNoInstallation() === undefined));
  const serverPid = usesDatabase && getConfig().database.kind === 'pglite' ? (installation?.[3].runningServerPid(getConfig().dataDir) ?? null) : null;
  if (serverPid !== null) {
    const { forwardToServer } = await import('./forward-to-server.js');
    const result = await forwardToServer({ config: getConfig(), argv, cwd: process.cwd(), serverPid });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } else {
    const program = buildProgram({
      io,
      config: getConfig,
      // The app (and every module, Fastify, pg-boss, the database driver) is loaded only by a command that uses it.
      withApp: async (fn) => (await import('./direct-app.js')).withDirectApp(getConfig(), fn),
      whyNoInstallation,
      insideServer: false,
      commandRunner: (app) => {
        if (!installation) throw new Error('only meshvault serve runs commands inside a server');
        return installation[2].runInsideServer(app, buildProgram);
      },
    });
    await program.parseAsync(argv, { from: 'user' });
  }
}
