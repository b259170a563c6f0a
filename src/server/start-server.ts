import { readFile } from 'node:fs/promises';
import type { App } from '../app.js';
import type { Database } from '../database.js';
import type { Config } from '../platform/config/index.js';
import { openDatabaseBehind } from '../platform/db/index.js';
import type { Logger } from '../platform/log/index.js';
import { listenControlSocket, type CommandRunner } from './control-socket.js';
import { ensureFirstAdmin, type FirstAdmin } from './first-admin.js';
import { acquireInstanceLock } from './instance-lock.js';
import { makeDatabaseFilesPrivate, makeDataDirPrivate } from './private-data-dir.js';

export type ServerRole = 'api' | 'worker' | 'all';

export type RunningServer = {
  app: App;
  url: string | null;
  firstAdmin: FirstAdmin | null;
  /** Drains: readiness fails, in-flight requests and jobs finish, then everything closes. */
  stop(): Promise<void>;
};

export async function startServer(opts: {
  config: Config;
  role: ServerRole;
  log: Logger;
  /** Runs CLI commands sent over the control socket against this server's app. */
  commandRunner: (app: App) => CommandRunner;
}): Promise<RunningServer> {
  const { config, role, log } = opts;
  const before = makeDataDirPrivate(config);
  const releaseLock = config.database.kind === 'pglite' ? acquireInstanceLock(config.dataDir) : () => {};
  // The app's modules (most of the code) load, the policy is parsed and the app is built while the
  // database opens (in its own thread, when embedded): createApp's first query waits for it.
  const appModule = import('../app.js');
  appModule.catch(() => {}); // awaited below; unheard only if opening the database fails first
  const database = await openDatabaseBehind<Database>(config.database).catch((error: unknown) => {
    releaseLock();
    throw error;
  });
  let app: App;
  try {
    const { createApp, parseFirstManifestAhead } = await appModule;
    if (config.database.kind === 'pglite') parseFirstManifestAhead(config);
    app = await createApp({ config, log, database, role });
  } catch (error) {
    await database.close();
    releaseLock();
    throw error;
  }
  // A start that fails past this point closes what it opened, so the process exits with its error
  // instead of hanging on an open pool, listener or control socket.
  let closeControl: () => Promise<void> = async () => {};
  let url: string | null = null;
  let firstAdmin: FirstAdmin | null;
  try {
    // Open now (createApp has migrated it): a new database's files, which PGlite made readable by all.
    makeDatabaseFilesPrivate(config, before);
    // First start: MESHVAULT_MANIFEST (or the bundled default) becomes version 1 of the published policy.
    const first = await app.services.privacy.publishDefaultIfNone();
    if (!first && config.manifestPath) await warnIfManifestNotInForce(app, config.manifestPath, log);
    firstAdmin = await ensureFirstAdmin(app.services.accounts, config.initialAdmin);
    closeControl = await listenControlSocket(config.dataDir, opts.commandRunner(app));

    if (role !== 'worker') {
      await app.http.listen({ port: config.port, host: config.host });
      const address = app.http.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = config.publicUrl.includes(`:${config.port}`) && config.port === 0 ? `http://${config.host}:${port}` : config.publicUrl;
    } else {
      await app.http.ready();
    }
    await app.startJobs();
  } catch (error) {
    await app.stopJobs(0).catch(() => {});
    await app.close().catch(() => {});
    await closeControl().catch(() => {});
    await database.close().catch(() => {});
    releaseLock();
    throw error;
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      app.beginDrain();
      const grace = config.shutdownGraceSeconds * 1000;
      await app.stopJobs(grace);
      // unref: once everything has closed, a pending grace timer must not keep the process alive.
      await Promise.race([app.close(), new Promise((r) => setTimeout(r, grace).unref())]);
      await closeControl();
      await database.close();
      releaseLock();
    })());
  return { app, url, firstAdmin, stop };
}

/** MESHVAULT_MANIFEST is read at first start only: say so when the file no longer matches the policy in force. */
async function warnIfManifestNotInForce(app: App, path: string, log: Logger): Promise<void> {
  const active = await app.services.policy.current();
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === active.yaml) return;
  log.warn(
    { version: active.version },
    `MESHVAULT_MANIFEST names ${path}, which is not the privacy policy in force (version ${active.version}): it is published at first start only. Publish it with "meshvault privacy publish ${path}".`,
  );
}
