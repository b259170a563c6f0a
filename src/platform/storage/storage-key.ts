/**
 * The one spelling of a storage key every driver accepts. Strict on purpose: keys are made by Meshvault
 * (ids, not user file names), so anything unusual is a bug or an attack, and the same key must be valid
 * on a POSIX directory, on Windows and in S3.
 */
import { AppError } from '../errors/index.js';

const MAX_KEY_LENGTH = 1024;
const MAX_SEGMENT_LENGTH = 200;
// A segment starts with a letter or digit, so `.`, `..` and hidden temporary names can never be keys.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// Prefixes for list() may end part-way through a segment or with a '/'.
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]*$/;

export function assertStorageKey(key: string): void {
  if (!isValidStorageKey(key)) {
    throw new AppError(
      'bad_request',
      'Invalid storage key: use 1-1024 characters of letters, digits, ".", "_" and "-" in "/"-separated segments, each starting with a letter or digit.',
      { keyLength: key.length },
    );
  }
}

export function isValidStorageKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  return key.split('/').every((segment) => segment.length <= MAX_SEGMENT_LENGTH && SEGMENT.test(segment));
}

/** A list() prefix: like a key, but may be empty, end with '/', or stop inside a segment. */
export function assertStoragePrefix(prefix: string): void {
  const segments = prefix.split('/');
  const whole = segments.slice(0, -1);
  const last = segments.at(-1) ?? '';
  const valid =
    typeof prefix === 'string' &&
    prefix.length <= MAX_KEY_LENGTH &&
    whole.every((segment) => segment.length <= MAX_SEGMENT_LENGTH && SEGMENT.test(segment)) &&
    last.length <= MAX_SEGMENT_LENGTH &&
    PREFIX_SEGMENT.test(last) &&
    !last.startsWith('.');
  if (!valid) {
    throw new AppError('bad_request', 'Invalid storage prefix: it must be the beginning of a valid storage key.', {
      prefixLength: prefix.length,
    });
  }
}
