#!/usr/bin/env node
import { isAppError } from '../platform/errors/index.js';
import { ConfigError, loadConfig, type Config } from '../platform/config/index.js';
import { runningServerPid } from '../server/instance-lock.js';
import { createProcessIo } from './cli-context.js';
import { forwardToServer } from './forward-to-server.js';
import { whyNoInstallation } from './installation-reach.js';
import { DATABASE_COMMANDS, buildProgram, checksAgainstInstallation } from './program.js';
import { runInsideServer } from './run-inside-server.js';

const io = createProcessIo();
const argv = process.argv.slice(2);
let config: Config | undefined;
const getConfig = () => (config ??= loadConfig());

try {
  // An embedded database belongs to the server process that opened it: hand the command to it.
  const command = argv.find((a) => !a.startsWith('-'));
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const usesDatabase = !wantsHelp && ((command !== undefined && DATABASE_COMMANDS.has(command)) || (checksAgainstInstallation(argv) && whyNoInstallation(getConfig) === undefined));
  const serverPid = usesDatabase && getConfig().database.kind === 'pglite' ? runningServerPid(getConfig().dataDir) : null;
  if (serverPid !== null) {
    const result = await forwardToServer({ dataDir: getConfig().dataDir, argv, cwd: process.cwd(), serverPid });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } else {
    const program = buildProgram({
      io,
      config: getConfig,
      // The app (and every module, Fastify, pg-boss, the database driver) is loaded only by a command that uses it.
      withApp: async (fn) => (await import('./direct-app.js')).withDirectApp(getConfig(), fn),
      whyNoInstallation: () => whyNoInstallation(getConfig),
      insideServer: false,
      commandRunner: (app) => runInsideServer(app, buildProgram),
    });
    await program.parseAsync(argv, { from: 'user' });
  }
} catch (error) {
  if (error instanceof ConfigError) io.fail(error.message, 2);
  else if (isAppError(error)) io.fail(`Error: ${error.message}`, 1);
  else {
    io.fail(`Unexpected error: ${(error as Error).stack ?? String(error)}`, 1);
  }
}
