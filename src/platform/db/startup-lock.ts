import type { DatabaseHandle } from './database.js';

/**
 * The one key every Meshvault process of an installation takes while it changes the database's shape
 * at start-up. Advisory locks are per database, so installations (and test databases) on one server
 * do not wait for each other.
 */
const STARTUP_LOCK = 'meshvault.startup';

/**
 * Runs `work` (applying migrations, installing the job queue's schema and queues) while holding a
 * PostgreSQL advisory lock, so N processes started together on a new database do it one after the
 * other: the first does it, the others find it done when they get the lock (`work` must re-check, as
 * migrateToLatest and pg-boss's start do). Without it, pg-boss's partition tables created by two
 * processes at once deadlock. The lock is a session lock on a connection of its own, held only for
 * `work`, and released if `work` fails or its connection breaks. An embedded database has one process
 * (the instance lock), so it runs `work` directly.
 */
export async function withStartupLock<T>(database: Pick<DatabaseHandle<unknown>, 'dedicatedConnection'>, work: () => Promise<T>): Promise<T> {
  if (!database.dedicatedConnection) return work();
  const connection = await database.dedicatedConnection();
  let broken = false;
  try {
    await connection.query('select pg_advisory_lock(hashtext($1))', [STARTUP_LOCK]);
    return await work();
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A failed unlock (the connection died) ends the session, which releases the lock too.
    if (!broken) await connection.query('select pg_advisory_unlock(hashtext($1))', [STARTUP_LOCK]).catch(() => (broken = true));
    connection.release(broken);
  }
}
