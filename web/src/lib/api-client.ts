/**
 * The one way the web app talks to the API: same-origin JSON, the CSRF double-submit header on
 * every unsafe method, and RFC 9457 problem details turned into an ApiError the UI can show.
 */

export type FieldErrors = Record<string, string>;

export type ProblemBody = {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** Messages keyed by the top-level body field they concern (`body.password` → `password`). */
  readonly fieldErrors: FieldErrors;
  readonly reason: string | undefined;

  constructor(status: number, problem: ProblemBody & { reason?: unknown }) {
    const detail = problem.detail ?? problem.title ?? 'Something went wrong. Please try again.';
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? 'unknown';
    this.title = problem.title ?? 'Error';
    this.detail = detail;
    this.fieldErrors = toFieldErrors(problem.errors);
    this.reason = typeof problem.reason === 'string' ? problem.reason : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Dispatched on window when the API answers 401, so the app can forget a session that ended elsewhere. */
export const UNAUTHENTICATED_EVENT = 'meshvault:unauthenticated';

const CSRF_COOKIE = 'mv_csrf';
const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
};

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) {
    // The server sets the cookie on any response; the first request of a fresh browser may lack it.
    const token = readCookie(CSRF_COOKIE) ?? (await fetchCsrfCookie());
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', title: 'Network error', detail: 'Could not reach the server. Check your connection and try again.' });
  }
  const body = await readBody(response);
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiError(response.status, problemFrom(response, body));
  }
  return body as T;
}

export type RawRequestInit = {
  method: 'HEAD' | 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
};

/**
 * For protocols that are not JSON (tus uploads, binary downloads): the same CSRF header, session
 * cookie and error handling as apiRequest, but the caller reads the Response (headers, bytes).
 * A network failure is an ApiError with status 0, so callers can tell it from a refusal and retry.
 */
export async function apiRawRequest(path: string, init: RawRequestInit): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json, */*', ...init.headers };
  if (UNSAFE.has(init.method)) {
    const token = readCookie(CSRF_COOKIE) ?? (await fetchCsrfCookie());
    if (token) headers[CSRF_HEADER] = token;
  }
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
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network', title: 'Network error', detail: 'Could not reach the server. Check your connection and try again.' });
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    const body = init.method === 'HEAD' ? undefined : await readBody(response).catch(() => undefined);
    throw new ApiError(response.status, problemFrom(response, body));
  }
  return response;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>(path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

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
    // The real request below reports the network problem.
  }
  return readCookie(CSRF_COOKIE);
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function problemFrom(response: Response, body: unknown): ProblemBody {
  if (body && typeof body === 'object') return body;
  return {
    status: response.status,
    code: response.status === 404 ? 'not_found' : 'unknown',
    title: response.statusText || 'Error',
    detail:
      response.status === 404
        ? 'This feature is not available on the server yet.'
        : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Please try again.`,
  };
}

function toFieldErrors(errors: ProblemBody['errors']): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(errors)) return out;
  for (const error of errors) {
    if (typeof error?.path !== 'string' || typeof error.message !== 'string') continue;
    const segments = error.path.split('.');
    const field = segments[0] === 'body' || segments[0] === 'querystring' || segments[0] === 'params' ? segments[1] : segments[0];
    if (field && !(field in out)) out[field] = capitalise(error.message);
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
