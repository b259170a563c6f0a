import { createTestApp, type TestApp } from '../../src/test-support/test-app.js';
import { PROJECT_ROOT } from './browser.js';
import { ensureWebBuilt } from './web-build.js';

/**
 * The web app built if stale, and the real app listening on a free local port for a browser.
 * `jobs`: false, no job queue; true, a live worker runs jobs as they come, as in production;
 * 'drained', jobs are queued and run only when the test calls `app.jobs.drain()`, so a test that
 * needs a job's outcome (a row, a mail handed to SMTP) runs it at that point instead of waiting for it.
 */
export async function serveTestApp(opts: { jobs: boolean | 'drained'; env?: Record<string, string> }): Promise<{ app: TestApp; port: number }> {
  await ensureWebBuilt(PROJECT_ROOT);
  const app = await createTestApp(opts.env, { role: opts.jobs === true ? 'all' : 'api' });
  if (opts.jobs) await app.startJobs();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { app, port: address.port };
}
