export { createLogger, maskCardsDeep, REDACTED_PATHS, type Logger } from './logger.js';
