import type { App } from '../app.js';
import type { Config } from '../platform/config/index.js';
import type { CommandRunner } from '../server/control-socket.js';

/** Where a command writes: the terminal, or a buffer sent back over the control socket. */
export type CliIo = {
  out(text: string): void;
  err(text: string): void;
  fail(text: string, code?: number): void;
  exitCode: number;
};

export type CliContext = {
  io: CliIo;
  config: () => Config;
  /** Runs `fn` against the installation: this process's own app, or the running server's. */
  withApp<T>(fn: (app: App) => Promise<T>): Promise<T>;
  /**
   * Why no installation can be reached, or undefined when one can (the default): `manifest check`
   * then runs its offline checks only and says which it skipped.
   */
  whyNoInstallation?: () => string | undefined;
  /** True inside a running server (commands that need the server stopped refuse). */
  insideServer: boolean;
  /** How `serve` answers the CLI commands sent to it over the control socket (absent inside a server). */
  commandRunner?: (app: App) => CommandRunner;
};

export function createBufferIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = {
    stdout,
    stderr,
    exitCode: 0,
    out: (t: string) => void stdout.push(t.endsWith('\n') ? t : `${t}\n`),
    err: (t: string) => void stderr.push(t.endsWith('\n') ? t : `${t}\n`),
    fail: (t: string, code = 1) => {
      io.err(t);
      io.exitCode = code;
    },
  };
  return io;
}

export function createProcessIo(): CliIo {
  const io: CliIo = {
    exitCode: 0,
    out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    fail: (t, code = 1) => {
      io.err(t);
      io.exitCode = code;
      process.exitCode = code;
    },
  };
  return io;
}
