import { createTestApp, type TestApp } from '../../src/test-support/test-app.js';
import { PROJECT_ROOT } from './browser.js';
import { ensureWebBuilt } from './web-build.js';

/** The web app built if stale, and the real app listening on a free local port for a browser. */
export async function serveTestApp(opts: { jobs: boolean; env?: Record<string, string> }): Promise<{ app: TestApp; port: number }> {
  await ensureWebBuilt(PROJECT_ROOT);
  // A browser waits on what the server's worker does, as in production: the worker role runs jobs as they come.
  const app = await createTestApp(opts.env, { role: opts.jobs ? 'all' : 'api' });
  if (opts.jobs) await app.startJobs();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return { app, port: address.port };
}
