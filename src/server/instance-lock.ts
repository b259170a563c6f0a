import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../platform/errors/index.js';

/**
 * PGlite is one Postgres backend inside one process: two processes on one data directory would
 * corrupt it. The server holds `meshvault.pid`; the CLI reads it to find the running server.
 */
export function lockPath(dataDir: string) {
  return join(dataDir, 'meshvault.pid');
}

export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lockPath(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export function acquireInstanceLock(dataDir: string): () => void {
  const path = lockPath(dataDir);
  const other = runningServerPid(dataDir);
  if (other !== null && other !== process.pid) {
    throw new AppError('conflict', `Another Meshvault process (pid ${other}) is using ${dataDir}. Stop it first, or use the CLI, which talks to it.`);
  }
  rmSync(path, { force: true });
  const fd = openSync(path, 'wx', 0o600);
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(path, { force: true });
}
