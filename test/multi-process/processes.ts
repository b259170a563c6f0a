import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** Every child started here and not yet exited: stopped by stopAllMeshvault, and killed if this process exits first. */
const alive = new Set<MeshvaultProcess>();
process.once('exit', () => {
  for (const started of alive) started.child.kill('SIGKILL');
});

/** One `meshvault serve --role …` child process (run from the sources through tsx: no build step), and what it printed. */
export type MeshvaultProcess = {
  role: 'api' | 'worker';
  child: ChildProcess;
  /** http://127.0.0.1:<port> for an API process. */
  url: string;
  lines: string[];
  /** Resolves when a printed line matches (also one printed before the call). */
  printed(matches: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  dataDir: string;
};

/** Starts the process with `env` (its own data directory for its control socket) and resolves once it says it is running. */
export async function startMeshvault(role: 'api' | 'worker', env: Record<string, string>): Promise<MeshvaultProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `meshvault-${role}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'serve', '--role', role], {
    cwd: root,
    env: { ...process.env, MESHVAULT_TEST_DATABASE_URL: '', MESHVAULT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', MESHVAULT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting = new Set<{ matches: (line: string) => boolean; resolve: (line: string) => void }>();
  const take = (stream: NodeJS.ReadableStream | null) => {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        for (const wait of waiting) {
          if (wait.matches(line)) {
            waiting.delete(wait);
            wait.resolve(line);
          }
        }
      }
    });
  };
  take(child.stdout);
  take(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => rmSync(dataDir, { recursive: true, force: true }), () => {});
  const handle: MeshvaultProcess = { role, child, url: '', lines, printed: (matches) => printed(matches), exited, dataDir };
  alive.add(handle);
  exited.then(() => alive.delete(handle), () => {});
  const printed = (matches: (line: string) => boolean) => {
    const seen = lines.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve) => waiting.add({ matches, resolve }));
  };
  const running = printed((line) => line.startsWith('Meshvault is running'));
  const died = exited.then(({ code, signal }) => {
    throw new Error(`meshvault serve --role ${role} exited before it was running (code ${code}, signal ${signal}):\n${lines.slice(-20).join('\n')}`);
  });
  await Promise.race([running, died]);
  const open = role === 'api' ? await Promise.race([printed((line) => line.startsWith('Open ')), died]) : '';
  handle.url = open.replace(/^Open /, '').trim();
  return handle;
}

/** Stops every process started here that still runs (also those whose start a failed test never saw end). */
export async function stopAllMeshvault(): Promise<void> {
  await Promise.all([...alive].map((started) => stopMeshvault(started)));
}

/** Stops a process that a failed test left running (by its own pid). */
export async function stopMeshvault(process: MeshvaultProcess | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null || process.child.signalCode !== null) return;
  process.child.kill('SIGTERM');
  await process.exited;
}

/** Runs one `meshvault …` command to its end as an operator would, in a data directory of its own; what it printed and its exit code. */
export async function runMeshvaultCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-cli-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
      cwd: root,
      env: { ...process.env, MESHVAULT_TEST_DATABASE_URL: '', MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    return { code, output: Buffer.concat(output).toString('utf8') };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
