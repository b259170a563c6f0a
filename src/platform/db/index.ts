export { compiledOnce } from './compiled-once.js';
export { startPglite } from './pglite-start.js';
export { openDatabase, openDatabaseBehind, pgliteHandle, type DatabaseHandle, type DedicatedConnection, type DatabaseTarget, type SqlExecutor } from './database.js';
export { databaseBytes, vacuumEmbeddedDatabase } from './embedded-vacuum.js';
export { migrateToLatest } from './migrations.js';
export { Mutex } from './mutex.js';
export type { Queryable } from './queryable.js';
export { withStartupLock } from './startup-lock.js';
