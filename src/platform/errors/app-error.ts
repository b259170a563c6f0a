/**
 * The one exception type of Meshvault. Domain code throws it with a code from this fixed list;
 * only platform/http maps codes to HTTP statuses, and the CLI maps them to exit codes.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  /** The capability exists in Meshvault but this installation's privacy policy switches it off. */
  | 'feature_off'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  /** A body did not match the checksum sent with it (tus checksum extension). */
  | 'checksum_mismatch'
  | 'rate_limited'
  | 'unavailable';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Safe to show to the caller: never personal data of someone else, never internals. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
