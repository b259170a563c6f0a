/**
 * The one way the web app talks to the JSON API: openapi-fetch typed by the server's own OpenAPI
 * document (openapi.d.ts, made by `npm run generate:api`), so a path, parameter or field the server
 * does not have fails the type-check. Every refusal is thrown as an ApiError by the middleware, so a
 * call either gives the success body or throws.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { isAbort, networkError } from './api-error.js';
import type { paths } from './openapi.js';
import { addCsrfHeader, throwUnlessOk } from './session-guards.js';

const guards: Middleware = {
  async onRequest({ request }) {
    await addCsrfHeader(request.method, request.headers);
    return request;
  },
  async onResponse({ response }) {
    await throwUnlessOk(response);
    return undefined;
  },
  onError({ error }) {
    if (isAbort(error)) return undefined;
    return networkError();
  },
};

export const apiClient = createClient<paths>({
  headers: { accept: 'application/json, application/problem+json' },
  credentials: 'same-origin',
  querySerializer: serializeQuery,
  // Looked up per call, not captured once, so the page's fetch is the one used.
  fetch: (request) => fetch(request),
});
apiClient.use(guards);

/** The success body of a call; refusals were thrown by the middleware before it gets here. */
export async function body<R extends { response: Response }>(call: Promise<R>): Promise<SuccessOf<R>> {
  const result = (await call) as R & { data?: unknown };
  return result.data as SuccessOf<R>;
}

type SuccessOf<R> = R extends { data: infer D } ? D : never;

/** Flat query parameters (every route's are); empty and missing values are left out, as the server treats them as absent. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === '' || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) continue;
    params.set(key, String(value));
  }
  return params.toString();
}
