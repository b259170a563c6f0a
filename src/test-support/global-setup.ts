import { TEST_SNAPSHOT_VARIABLE } from '../platform/config/index.js';
import { makeTestSnapshots } from './database-snapshot.js';

/**
 * vitest's global setup: the test databases' snapshots, made once before any test file runs and
 * removed after the run. The test workers, started after this, inherit the variable that names them.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const snapshots = await makeTestSnapshots();
  process.env[TEST_SNAPSHOT_VARIABLE] = snapshots.location;
  return async () => {
    await snapshots.remove();
  };
}
