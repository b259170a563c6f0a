/**
 * A small tus 1.0.0 client over the app's raw request helper: create the upload, then PATCH the file
 * in slices. The next slice always starts at the offset the server answered (tus lets a server keep
 * less than was sent; this one keeps every byte that arrives). After a broken connection or a conflict
 * the client asks where to resume (HEAD) — exactly the bytes that reached the server, also of a slice
 * cut off midway — and carries on, a few times, waiting longer each time.
 */
import { ApiError, isApiError } from '../../../lib/api/api-error.js';
import { apiRawRequest, type RawRequestInit } from '../../../lib/api/raw-request.js';

export const TUS_VERSION = '1.0.0';
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

export type TusTransport = (path: string, init: RawRequestInit) => Promise<Response>;

export type TusUploadOptions = {
  projectId: string;
  file: Blob;
  name: string;
  /** Called with the bytes the server has acknowledged, after each piece. */
  onProgress?: (acknowledged: number, total: number) => void;
  /** Called when a piece failed and the upload will resume; `attempt` counts from 1. */
  onRetry?: (attempt: number, error: ApiError) => void;
  signal?: AbortSignal;
  chunkBytes?: number;
  /** How many failures in a row are tolerated before giving up. */
  retries?: number;
  transport?: TusTransport;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** Uploads the file and resolves to the new file's id (the upload's id becomes the file's). */
export async function uploadWithTus(options: TusUploadOptions): Promise<{ fileId: string }> {
  const send = options.transport ?? apiRawRequest;
  const sleep = options.sleep ?? sleepFor;
  const chunk = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const retries = options.retries ?? 5;
  const total = options.file.size;
  const signal = options.signal;
  const withSignal = (init: RawRequestInit): RawRequestInit => (signal ? { ...init, signal } : init);

  const created = await send(
    `/api/projects/${encodeURIComponent(options.projectId)}/uploads`,
    withSignal({ method: 'POST', headers: { 'tus-resumable': TUS_VERSION, 'upload-length': String(total), 'upload-metadata': `filename ${toBase64(options.name)}` } }),
  );
  const location = uploadPath(created.headers.get('location'));

  let offset = 0;
  let failures = 0;
  options.onProgress?.(0, total);
  try {
    while (offset < total) {
      try {
        const end = Math.min(offset + chunk, total);
        const response = await send(
          location,
          withSignal({
            method: 'PATCH',
            headers: { 'tus-resumable': TUS_VERSION, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
            body: options.file.slice(offset, end),
          }),
        );
        const next = readOffset(response);
        if (next <= offset) throw new ApiError(0, { code: 'no_progress', title: 'No progress', detail: 'The server kept none of the last piece.' });
        offset = next;
        failures = 0;
        options.onProgress?.(offset, total);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        failures++;
        if (failures > retries) throw error;
        options.onRetry?.(failures, error);
        await sleep(Math.min(500 * 2 ** (failures - 1), 8000), signal);
        try {
          offset = await askOffset(send, location, withSignal);
          options.onProgress?.(offset, total);
        } catch (headError) {
          // Still offline: the next PATCH fails or is told the right offset, and counts as another try.
          if (!isRetryable(headError)) throw headError;
        }
      }
    }
  } catch (error) {
    // A person who cancels wants nothing kept: terminate the half-finished upload (its key goes with it).
    if (isAbort(error)) void send(location, { method: 'DELETE', headers: { 'tus-resumable': TUS_VERSION } }).catch(() => undefined);
    throw error;
  }
  return { fileId: location.split('/').pop() ?? '' };
}

async function askOffset(send: TusTransport, location: string, withSignal: (init: RawRequestInit) => RawRequestInit): Promise<number> {
  const response = await send(location, withSignal({ method: 'HEAD', headers: { 'tus-resumable': TUS_VERSION } }));
  return readOffset(response);
}

function readOffset(response: Response): number {
  const value = Number(response.headers.get('upload-offset'));
  if (!Number.isSafeInteger(value) || value < 0) throw new ApiError(502, { code: 'bad_gateway', detail: 'The server did not say how much of the file it has.' });
  return value;
}

/** A broken connection, a conflict (another request still writing) or a server hiccup is worth another try. */
function isRetryable(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 0 || error.status === 409 || error.status === 423 || error.status === 429 || error.status >= 500);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function uploadPath(location: string | null): string {
  if (!location) throw new ApiError(502, { code: 'bad_gateway', detail: 'The server did not say where to send the file.' });
  return location.startsWith('/') ? location : new URL(location).pathname;
}

/** tus metadata values are base64 of UTF-8 bytes. */
export function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}
