export type { StorageConfig } from './storage-config.js';
export { CONFIG_VARIABLES, loadConfig, loadConfigWith, quietAwsSdkNodeVersionWarning, storageConfigFor, ConfigError, testDatabaseUrl, testSnapshot, TEST_SNAPSHOT_VARIABLE, type Config } from './config.js';
