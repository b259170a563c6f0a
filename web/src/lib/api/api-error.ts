/** RFC 9457 problem details, as the server answers every refusal, turned into an error the UI can show. */

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
  /** Messages keyed by the top-level body field they concern (`body.password` → `password`, or the problem's `field`). */
  readonly fieldErrors: FieldErrors;
  /** Messages keyed by their whole path in the body (`body.rules.0.logic` → `rules.0.logic`), for forms with nested fields. */
  readonly pathErrors: FieldErrors;
  readonly reason: string | undefined;

  constructor(status: number, problem: ProblemBody & { reason?: unknown; field?: unknown }) {
    const detail = problem.detail ?? problem.title ?? 'Something went wrong. Please try again.';
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code ?? 'unknown';
    this.title = problem.title ?? 'Error';
    this.detail = detail;
    // A refusal of the service (not of the schema) names the one field it concerns as `field`.
    const field = typeof problem.field === 'string' ? { [problem.field]: detail } : {};
    this.fieldErrors = { ...field, ...toFieldErrors(problem.errors) };
    this.pathErrors = { ...field, ...toPathErrors(problem.errors) };
    this.reason = typeof problem.reason === 'string' ? problem.reason : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Status 0: the request never got an answer, so callers can tell it from a refusal and retry. */
export function networkError(): ApiError {
  return new ApiError(0, { code: 'network', title: 'Network error', detail: 'Could not reach the server. Check your connection and try again.' });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The error for a response that is not OK; its body is read from a copy, the response stays unread. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = response.headers.get('content-length') === '0' ? undefined : await readBody(response.clone()).catch(() => undefined);
  return new ApiError(response.status, problemFrom(response, body));
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

function toPathErrors(errors: ProblemBody['errors']): FieldErrors {
  const out: FieldErrors = {};
  if (!Array.isArray(errors)) return out;
  for (const error of errors) {
    if (typeof error?.path !== 'string' || typeof error.message !== 'string') continue;
    const path = error.path.replace(/^(body|querystring|params)\./, '');
    out[path] = out[path] ? `${out[path]} ${capitalise(error.message)}` : capitalise(error.message);
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
