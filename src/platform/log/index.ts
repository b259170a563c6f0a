export { createLogger, maskCardsDeep, REDACTED_PATHS, stderrDestination, type Logger } from './logger.js';
