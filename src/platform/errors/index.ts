export { AppError, isAppError, type ErrorCode } from './app-error.js';
