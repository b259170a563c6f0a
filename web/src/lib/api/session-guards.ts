/**
 * What every request to the API carries and what every answer may trigger, for the typed client and
 * for the raw requests (tus, downloads) alike: the session's CSRF token on unsafe methods (read from
 * the server, which sets no cookie for it), and the 401 event that makes the app forget a session
 * that ended elsewhere.
 */
import { errorFromResponse } from './api-error.js';

/** Dispatched on window when the API answers 401, so the app can forget a session that ended elsewhere. */
export const UNAUTHENTICATED_EVENT = 'meshvault:unauthenticated';

const CSRF_TOKEN_PATH = '/api/session/csrf-token';
const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers that may start or end a session (sign-in, sign-out, passwordless links) change its token. */
const SESSION_PATHS = /^\/api\/(auth|me\/sessions|session)\b/;

/** The current session's token, asked once and kept until a session may have changed. */
let csrfToken: Promise<string | null> | null = null;

export async function addCsrfHeader(method: string, headers: Headers): Promise<void> {
  if (!UNSAFE.has(method.toUpperCase())) return;
  csrfToken ??= fetchCsrfToken();
  const token = await csrfToken;
  if (token) headers.set(CSRF_HEADER, token);
}

/** Throws the ApiError for a refusal, after telling the app when the session has ended. */
export async function throwUnlessOk(response: Response): Promise<void> {
  if (SESSION_PATHS.test(new URL(response.url || '/', window.location.href).pathname) || response.status === 401 || response.status === 403) forgetCsrfToken();
  if (response.ok) return;
  // The body is read first: the caller then learns of the refusal in the same turn as the app does,
  // so what it does next (a navigation after signing out) is not overtaken by a re-render between.
  const error = await errorFromResponse(response);
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  throw error;
}

/** Forgets the token, so the next unsafe request asks for the current session's. */
function forgetCsrfToken(): void {
  csrfToken = null;
}

async function fetchCsrfToken(): Promise<string | null> {
  try {
    const response = await fetch(CSRF_TOKEN_PATH, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : null;
  } catch {
    // The real request reports the network problem; the next one asks again.
    csrfToken = null;
    return null;
  }
}
