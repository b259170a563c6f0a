export { CONFIG_VARIABLES, loadConfig, ConfigError, testDatabaseUrl, testSnapshot, TEST_SNAPSHOT_VARIABLE, type Config } from './config.js';
