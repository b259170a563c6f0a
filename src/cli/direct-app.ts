import { createApp, type App } from '../app.js';
import type { Database } from '../database.js';
import type { Config } from '../platform/config/index.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/db/index.js';
import { MODULES_DIR } from '../app-paths.js';
import { createLogger, stderrDestination } from '../platform/log/index.js';
import { acquireInstanceLock } from '../server/instance-lock.js';
import { makeDatabaseFilesPrivate, makeDataDirPrivate } from '../server/private-data-dir.js';

/** Opens the installation in this process for one command (no server is running on it). */
export async function withDirectApp<T>(config: Config, fn: (app: App) => Promise<T>): Promise<T> {
  const before = makeDataDirPrivate(config);
  const release = config.database.kind === 'pglite' ? acquireInstanceLock(config.dataDir) : () => {};
  try {
    const database = await openDatabase<Database>(config.database);
    try {
      makeDatabaseFilesPrivate(config, before);
      // 'warn': the operator's CLI stays usable on an installation the server refuses, to publish a fix.
      const app = await createApp({ config, log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, stderrDestination()), database, role: 'api', policyCheck: 'warn' });
      try {
        return await fn(app);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/** Opens only the database (migrated, nothing started or published): what a restore needs. */
export async function withDirectDatabase<T>(config: Config, fn: (database: DatabaseHandle<Database>) => Promise<T>): Promise<T> {
  const before = makeDataDirPrivate(config);
  const release = config.database.kind === 'pglite' ? acquireInstanceLock(config.dataDir) : () => {};
  try {
    const database = await openDatabase<Database>(config.database);
    try {
      makeDatabaseFilesPrivate(config, before);
      await migrateToLatest(database.db, MODULES_DIR);
      return await fn(database);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}
