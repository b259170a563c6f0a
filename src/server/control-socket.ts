import { rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

/**
 * While a server owns an embedded (PGlite) data directory, the CLI cannot open the database itself;
 * it sends its arguments over this Unix socket (mode 0600, inside the data directory) and the server
 * runs the same command in-process.
 */
export function controlSocketPath(dataDir: string) {
  return join(dataDir, 'control.sock');
}

export type CommandResult = { exitCode: number; stdout: string; stderr: string };
export type CommandRunner = (argv: string[]) => Promise<CommandResult>;

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
          const { argv } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[] };
          result = await run(argv);
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

export function sendToControlSocket(dataDir: string, argv: string[]): Promise<CommandResult> {
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
    req.end(JSON.stringify({ argv }));
  });
}
