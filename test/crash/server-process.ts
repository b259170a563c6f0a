import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'server', 'cli', 'main.js');

/** The built server (`npm start`'s entry) as a child process on an embedded data directory. */
export function startServerProcess(dataDir: string, port: number, opts: { logLevel?: string } = {}): ChildProcess {
  if (!existsSync(cli)) spawnSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'ignore' });
  return spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, MESHVAULT_DATA_DIR: dataDir, PORT: String(port), MESHVAULT_LOG_LEVEL: opts.logLevel ?? 'warn', MESHVAULT_TEST_DATABASE_URL: '' },
    stdio: ['ignore', opts.logLevel ? 'pipe' : 'ignore', 'ignore'],
  });
}

/** Resolves once the server has logged receipt of `count` requests to `path` (needs logLevel info). */
export function requestsReceived(child: ChildProcess, path: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.includes('"incoming request"') && line.includes(`"url":"${path}"`)) seen++;
      if (seen >= count) resolve();
    });
  });
}

export async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 1800; i++) {
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

export function signUp(port: number, email: string) {
  return fetch(`http://127.0.0.1:${port}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Process Test', email, password: 'correct horse battery', ageConfirmed: true }),
  });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
