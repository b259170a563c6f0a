export { CONFIG_VARIABLES, loadConfig, ConfigError, testDatabaseUrl, type Config } from './config.js';
