/**
 * What every request to the API carries and what every answer may trigger, for the typed client and
 * for the raw requests (tus, downloads) alike: the CSRF double-submit header on unsafe methods, and
 * the 401 event that makes the app forget a session that ended elsewhere.
 */
import { errorFromResponse } from './api-error.js';

/** Dispatched on window when the API answers 401, so the app can forget a session that ended elsewhere. */
export const UNAUTHENTICATED_EVENT = 'meshvault:unauthenticated';

const CSRF_COOKIE = 'mv_csrf';
const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function addCsrfHeader(method: string, headers: Headers): Promise<void> {
  if (!UNSAFE.has(method.toUpperCase())) return;
  // The server sets the cookie on any response; the first request of a fresh browser may lack it.
  const token = readCookie(CSRF_COOKIE) ?? (await fetchCsrfCookie());
  if (token) headers.set(CSRF_HEADER, token);
}

/** Throws the ApiError for a refusal, after telling the app when the session has ended. */
export async function throwUnlessOk(response: Response): Promise<void> {
  if (response.ok) return;
  // The body is read first: the caller then learns of the refusal in the same turn as the app does,
  // so what it does next (a navigation after signing out) is not overtaken by a re-render between.
  const error = await errorFromResponse(response);
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  throw error;
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

async function fetchCsrfCookie(): Promise<string | undefined> {
  try {
    await fetch('/healthz', { credentials: 'same-origin' });
  } catch {
    // The real request reports the network problem.
  }
  return readCookie(CSRF_COOKIE);
}
