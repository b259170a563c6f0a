export { openDatabase, type DatabaseHandle, type DatabaseTarget, type SqlExecutor } from './database.js';
export { migrateToLatest } from './migrations.js';
export { Mutex } from './mutex.js';
export type { Queryable } from './queryable.js';
