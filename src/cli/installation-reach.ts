import { ConfigError, type Config } from '../platform/config/index.js';
// The file itself, not the db index: this runs before any command loads the database driver.
import { hasEmbeddedCluster } from '../platform/db/pglite-cluster.js';

/**
 * Why this process cannot reach an installation, or undefined when it can: a command that works
 * with or without one (`manifest check`) then runs only what needs no installation. Nothing is
 * created: an embedded database that does not exist yet is no installation.
 */
export function whyNoInstallation(config: () => Config): string | undefined {
  let loaded: Config;
  try {
    loaded = config();
  } catch (error) {
    if (error instanceof ConfigError) return `the configuration is not valid: ${error.problems.join('; ')}`;
    throw error;
  }
  if (loaded.database.kind === 'pglite' && !hasEmbeddedCluster(loaded.database.dir)) {
    return `no installation in ${loaded.dataDir} (set MESHVAULT_DATA_DIR or MESHVAULT_DATABASE_URL to check against one)`;
  }
  return undefined;
}
