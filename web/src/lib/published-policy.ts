import { apiRawRequest } from './api/raw-request.js';

/**
 * The published privacy manifest (/privacy.json). It is a public page rather than an API route, so
 * it is not in the OpenAPI document: callers read what they need from it defensively. Undefined
 * when the answer is not JSON (the SPA fallback answers with HTML while nothing is published).
 */
export async function loadPublishedPolicy(signal?: AbortSignal): Promise<unknown> {
  const response = await apiRawRequest('/privacy.json', { method: 'GET', ...(signal ? { signal } : {}) });
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
