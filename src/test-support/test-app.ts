import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app.js';
import type { Database } from '../database.js';
import { loadConfig, type Config } from '../platform/config/index.js';
import type { JobRole } from '../platform/jobs/index.js';
import { createLogger } from '../platform/log/index.js';
import { countQueries, type QueryCounter } from './query-counter.js';
import { openTestDatabase } from './test-database.js';

export type TestApp = App & { config: Config; clock: TestClock; queries: QueryCounter; dispose(): Promise<void> };

export type RestartableTestApp = TestApp & {
  /**
   * Stops this app and starts a new one on the same database, data directory and clock, as a process
   * restart would: nothing in memory survives (use the returned app; this one is closed).
   */
  restart(): Promise<RestartableTestApp>;
};

export type TestClock = { now: () => Date; advance(ms: number): void; set(date: Date): void };

/** A clock tests move by hand; each reading ticks 1 ms so events keep their order. */
export function createTestClock(start = new Date()): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t++), advance: (ms) => void (t += ms), set: (d) => void (t = d.getTime()) };
}

/**
 * The real app on a fresh database and data directory; the clock is the only thing faked. Jobs run
 * when the test says so: in the default 'api' role, started jobs are queued and no worker runs them,
 * and `app.jobs.drain()` runs every due one now, through the worker's own path. Browser tests, which
 * watch a live server, ask for `role: 'all'`.
 */
export async function createTestApp(env: Record<string, string> = {}, opts: { role?: JobRole; webDir?: string } = {}): Promise<RestartableTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-test-'));
  const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0', ...env });
  const opened = await openTestDatabase<Database>({ start: 'migrated' });
  const { handle: database, counter: queries } = countQueries(opened);
  const clock = createTestClock();
  const start = async (): Promise<RestartableTestApp> => {
    const app = await createApp({ config, log: createLogger('silent'), database, now: clock.now, role: opts.role ?? 'api', ...(opts.webDir ? { webDir: opts.webDir } : {}) });
    return {
      ...app,
      config,
      clock,
      queries,
      restart: async () => {
        await app.close();
        return start();
      },
      dispose: async () => {
        await app.close();
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  };
  return start();
}
