import { VAULT_CHECKSUM_ALGORITHMS, type VaultChecksum, type VaultChecksumAlgorithm } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors/index.js';

/** The tus 1.0.0 core protocol and the extensions served (https://tus.io/protocols/resumable-upload). */
export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,creation-with-upload,termination,checksum,expiration';
export const TUS_CHECKSUM_ALGORITHMS = VAULT_CHECKSUM_ALGORITHMS.join(',');
export const OFFSET_OCTET_STREAM = 'application/offset+octet-stream';

/** `Upload-Checksum: sha1 <base64 digest>` → the algorithm and digest; undefined without the header. */
export function parseUploadChecksum(header: string | string[] | undefined): VaultChecksum | undefined {
  if (header === undefined) return undefined;
  const text = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  const [algorithm, digest, extra] = text.split(' ');
  if (!algorithm || !digest || extra !== undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(digest)) {
    throw new AppError('bad_request', 'The Upload-Checksum header must be "<algorithm> <base64 digest>".');
  }
  if (!isChecksumAlgorithm(algorithm)) {
    throw new AppError('bad_request', `Upload-Checksum algorithm "${algorithm.slice(0, 20)}" is not supported; use one of: ${TUS_CHECKSUM_ALGORITHMS}.`, {
      supported: [...VAULT_CHECKSUM_ALGORITHMS],
    });
  }
  return { algorithm, digest: Buffer.from(digest, 'base64') };
}

function isChecksumAlgorithm(name: string): name is VaultChecksumAlgorithm {
  return (VAULT_CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** tus `Upload-Expires` is an RFC 7231 HTTP date. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

const DIGITS = /^\d{1,16}$/;

/** A non-negative integer header (Upload-Length, Upload-Offset, Content-Length). */
export function readIntegerHeader(value: string | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !DIGITS.test(text.trim()) || !Number.isSafeInteger(Number(text))) {
    throw new AppError('bad_request', `The ${name} header must be a whole number of bytes.`);
  }
  return Number(text);
}

export function requireIntegerHeader(value: string | string[] | undefined, name: string): number {
  const n = readIntegerHeader(value, name);
  if (n === undefined) throw new AppError('bad_request', `The ${name} header is required.`);
  return n;
}

/** `Upload-Metadata: filename d29ybGQuc3Rs,filetype bW9kZWwvc3Rs` → { filename: 'world.stl', … }. */
export function parseUploadMetadata(header: string | string[] | undefined): Record<string, string> {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (text.length > 8192) throw new AppError('bad_request', 'The Upload-Metadata header is too long.');
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const [key, value, extra] = trimmed.split(' ');
    if (!key || extra !== undefined || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) {
      throw new AppError('bad_request', 'The Upload-Metadata header must be comma-separated "key base64value" pairs.');
    }
    const decoded = (out[key] = value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8'));
    // The one text input outside a route schema, so the NUL rule of platform/http/nul-bytes.ts is repeated here.
    if (decoded.includes('\u0000')) throw new AppError('bad_request', `The Upload-Metadata value of ${key} must not contain a NUL character.`);
  }
  return out;
}

/** The name as shown back to people: no path, no control characters, a bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(-255);
  if (clean === '' || clean === '.' || clean === '..') throw new AppError('bad_request', 'The upload needs a file name (Upload-Metadata: filename <base64>).');
  return clean;
}

/** Content-Disposition for a download: an ASCII fallback plus the exact name (RFC 6266 / 5987). */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
