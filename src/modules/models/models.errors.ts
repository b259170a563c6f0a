import { AppError } from '../../platform/errors/index.js';

/**
 * The models module's errors. Every refusal of a hostile or broken file goes through one of these,
 * so callers (upload jobs, the CLI) only ever see an AppError with an actionable message.
 */
export function unprocessableModel(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('unprocessable', message, details);
}

export function unsupportedModel(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('unsupported_media_type', message, details);
}

export function modelTooLarge(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('payload_too_large', message, details);
}
