/**
 * For protocols that are not JSON (tus uploads, binary downloads): the same CSRF header, session
 * cookie and error handling as the typed client, but the caller reads the Response (headers, bytes).
 * A network failure is an ApiError with status 0, so callers can tell it from a refusal and retry.
 */
import { isAbort, networkError } from './api-error.js';
import { addCsrfHeader, throwUnlessOk } from './session-guards.js';

export type RawRequestInit = {
  method: 'HEAD' | 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
};

export async function apiRawRequest(path: string, init: RawRequestInit): Promise<Response> {
  const headers = new Headers({ accept: 'application/json, application/problem+json, */*', ...init.headers });
  await addCsrfHeader(init.method, headers);
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
  await throwUnlessOk(response);
  return response;
}
