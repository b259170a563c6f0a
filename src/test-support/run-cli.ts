import type { TestApp } from './test-app.js';
import { createBufferIo } from '../cli/cli-context.js';
import { buildProgram } from '../cli/program.js';
import { throwInsteadOfExit } from '../cli/run-inside-server.js';

/** Tests: runs `meshvault <argv>` against a test app, as the CLI would in its own process, and says what it printed. */
export async function runOnTestApp(app: TestApp, ...argv: string[]) {
  const io = createBufferIo();
  const program = buildProgram({ io, config: () => app.config, withApp: (fn) => fn(app), insideServer: false });
  throwInsteadOfExit(program);
  await program.parseAsync(argv, { from: 'user' });
  return { code: io.exitCode, out: io.stdout.join(''), err: io.stderr.join('') };
}
