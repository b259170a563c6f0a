import { rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { Config } from '../platform/config/index.js';

/**
 * While a server owns an embedded (PGlite) data directory, the CLI cannot open the database itself;
 * it sends its arguments over this Unix socket (mode 0600, inside the data directory) and the server
 * runs the same command in-process.
 */
export function controlSocketPath(dataDir: string) {
  return join(dataDir, 'control.sock');
}

export type CommandResult = { exitCode: number; stdout: string; stderr: string };

/**
 * The environment variables a command reads for itself rather than for the installation: the operator
 * sets them on the command's line (`MESHVAULT_BACKUP_PASSPHRASE=… meshvault backup create`), so they go
 * with it to the server, which runs it with its own configuration otherwise. No other variable crosses.
 */
export const COMMAND_ENV = ['MESHVAULT_BACKUP_PASSPHRASE'] as const;
export type CommandEnv = Partial<Record<(typeof COMMAND_ENV)[number], string>>;

/** What the CLI sends with a command: its own configuration's values of those variables. */
export function commandEnvOf(config: Pick<Config, 'backupPassphrase'>): CommandEnv {
  return config.backupPassphrase === undefined ? {} : { MESHVAULT_BACKUP_PASSPHRASE: config.backupPassphrase };
}

/** A request's variables, of those only: no other crosses. */
function commandEnvIn(env: Record<string, unknown>): CommandEnv {
  const picked: CommandEnv = {};
  for (const name of COMMAND_ENV) if (typeof env[name] === 'string') picked[name] = env[name];
  return picked;
}

export type CommandRunner = (argv: string[], env: CommandEnv) => Promise<CommandResult>;

export async function listenControlSocket(dataDir: string, run: CommandRunner): Promise<() => Promise<void>> {
  const path = controlSocketPath(dataDir);
  rmSync(path, { force: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let result: CommandResult;
        try {
          const { argv, env } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[]; env?: Record<string, unknown> };
          result = await run(argv, commandEnvIn(env ?? {}));
        } catch (error) {
          result = { exitCode: 1, stdout: '', stderr: `${(error as Error).message}\n` };
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(result));
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ path, readableAll: false, writableAll: false }, resolve);
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(path, { force: true });
    });
}

export function sendToControlSocket(dataDir: string, argv: string[], env: CommandEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: controlSocketPath(dataDir), method: 'POST', path: '/run', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CommandResult);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ argv, env }));
  });
}
