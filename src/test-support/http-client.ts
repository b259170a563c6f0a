import type { LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../modules/accounts/index.js';
import { CSRF_TOKEN_PATH } from '../platform/http/index.js';
import type { TestApp } from './test-app.js';

/**
 * A cookie-keeping client over `app.inject`, like a browser: it stores Set-Cookie and, as the web app
 * does, sends its session's CSRF token (read from the server) on unsafe requests. `sendCsrfToken =
 * false` makes it a forger, which can send the cookie but not the token.
 */
export function createClient(app: Pick<TestApp, 'http'>, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 Safari/537.36') {
  const cookies = new Map<string, string>();
  const client = { cookies, sendCsrfToken: true, csrfToken, get, post, put, patch, delete: del };
  let csrf: { session: string; token: string } | undefined;
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  async function csrfToken(): Promise<string | undefined> {
    const session = cookies.get(SESSION_COOKIE);
    if (!session) return undefined;
    if (csrf?.session !== session) {
      const res = await app.http.inject({ method: 'GET', url: CSRF_TOKEN_PATH, headers: { 'user-agent': userAgent, cookie: cookieHeader() } });
      csrf = { session, token: res.json<{ token: string }>().token };
    }
    return csrf.token;
  }

  async function request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'user-agent': userAgent };
    if (cookies.size > 0) headers.cookie = cookieHeader();
    const token = method !== 'GET' && client.sendCsrfToken ? await csrfToken() : undefined;
    if (token) headers['x-csrf-token'] = token;
    const res = await app.http.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return res;
  }
  function get(url: string) {
    return request('GET', url);
  }
  function post(url: string, body?: unknown) {
    return request('POST', url, body ?? {});
  }
  function put(url: string, body?: unknown) {
    return request('PUT', url, body ?? {});
  }
  function patch(url: string, body?: unknown) {
    return request('PATCH', url, body ?? {});
  }
  function del(url: string, body?: unknown) {
    return request('DELETE', url, body);
  }
  return client;
}

/** What a sign-up page sends back about the policy it showed: the version in force, its hash, the box ticked. */
export async function policyShown(app: TestApp) {
  const active = await app.services.policy.current();
  return { version: active.version, hash: active.hash, accepted: true };
}

/** The newest outbox message to an address, and the link token in it. */
export async function latestMailTo(app: TestApp, to: string) {
  const [message] = await app.services.mail.list({ limit: 1, to });
  if (!message) throw new Error(`no mail to ${to}`);
  const token = /token=([\w-]+)/.exec(message.body_text)?.[1];
  return { message, token };
}
