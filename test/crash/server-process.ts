import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_BUNDLE } from '../server-bundle.js';
import { createApp, type App } from '../../src/app.js';
import type { Database } from '../../src/database.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/log/index.js';
import { pgliteStart } from '../../src/test-support/database-snapshot.js';

/**
 * The built server (`npm start`'s entry; see ../server-bundle.ts) as a child process on an embedded data
 * directory. Its stdout is read (and kept flowing, so the pipe never fills) for waitReady and the
 * log-line waits below; `logLevel` info or lower adds the log lines these need.
 */
export function startServerProcess(dataDir: string, port: number, opts: { logLevel?: string } = {}): ChildProcess {
  const child = spawn(process.execPath, [SERVER_BUNDLE, 'serve'], {
    env: { ...process.env, MESHVAULT_DATA_DIR: dataDir, PORT: String(port), MESHVAULT_LOG_LEVEL: opts.logLevel ?? 'warn', MESHVAULT_TEST_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  child.stdout?.resume();
  return child;
}

/** Resolves once the server has logged `count` lines that `matches` accepts (needs logLevel info). */
export function linesLogged(child: ChildProcess, matches: (line: string) => boolean, count = 1): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (matches(line)) seen++;
      if (seen >= count) resolve();
    });
  });
}

/** Resolves once the server has logged receipt of `count` requests to `path`. */
export function requestsReceived(child: ChildProcess, path: string, count: number): Promise<void> {
  return linesLogged(child, (line) => line.includes('"incoming request"') && line.includes(`"url":"${path}"`), count);
}

/** Resolves once the server has logged a line with this message. */
export function logLineSeen(child: ChildProcess, message: string): Promise<void> {
  return linesLogged(child, (line) => line.includes(`"msg":"${message}"`));
}

/**
 * Resolves once the server says it is running (`meshvault serve` prints it after listening and starting
 * its jobs); rejects if the process exits first. Call it right after startServerProcess.
 */
export function waitReady(child: ChildProcess): Promise<void> {
  const running = linesLogged(child, (line) => line.startsWith('Meshvault is running'));
  const exited = exitOf(child).then(({ code, signal }) => {
    throw new Error(`the server exited before it was ready (code ${code}, signal ${signal})`);
  });
  return Promise.race([running, exited]);
}

/** Signs up as the web app does: it reads the policy in force and sends back the version and hash it accepts. */
export async function signUp(port: number, email: string) {
  const policy = (await (await fetch(`http://127.0.0.1:${port}/privacy.json`)).json()) as { version: number; document_hash: string };
  return fetch(`http://127.0.0.1:${port}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Process Test', email, password: 'correct horse battery', ageConfirmed: true, policy: { version: policy.version, hash: policy.document_hash, accepted: true } }),
  });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Signs in over HTTP; `post` then sends JSON with the session cookie and its CSRF token, as the web app does. */
export async function signIn(port: number, email: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrfAnswer = res.ok ? await fetch(`http://127.0.0.1:${port}/api/session/csrf-token`, { headers: { cookie: cookies } }) : undefined;
  const csrf = csrfAnswer ? ((await csrfAnswer.json()) as { token: string | null }).token ?? '' : '';
  return {
    status: res.status,
    post: (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies, 'x-csrf-token': csrf },
        body: JSON.stringify(body),
      }),
  };
}

/**
 * Makes `dataDir`'s embedded database a copy of the run's migrated snapshot, so neither this process nor
 * a server started on it pays for initdb and the migrations again: what these tests watch (a kill, a
 * restart) starts after them.
 */
export async function seedDataDir(dataDir: string): Promise<void> {
  const { database } = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
  if (database.kind !== 'pglite') throw new Error('the crash tests run on the embedded database');
  const handle = await openDatabase({ ...database, loadDataDir: await pgliteStart('migrated') });
  await handle.close();
}

/** The data directory opened in this process as a restarted server would open it, without serving. */
export async function withDataDir<T>(dataDir: string, use: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
  const database = await openDatabase<Database>(config.database);
  const app = await createApp({ config, log: createLogger('silent'), database, role: 'api' });
  try {
    return await use(app);
  } finally {
    await app.close();
    await database.close();
  }
}
