export { loadConfig, ConfigError, testDatabaseUrl, type Config } from './config.js';
