import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app.js';

/**
 * A cookie-keeping client over `app.inject`, like a browser: it stores Set-Cookie and echoes the
 * CSRF cookie in the header the server expects.
 */
export function createClient(app: TestApp, userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 Safari/537.36') {
  const cookies = new Map<string, string>();
  async function request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'user-agent': userAgent };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = cookies.get('mv_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await app.http.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    return res;
  }
  return {
    cookies,
    get: (url: string) => request('GET', url),
    post: (url: string, body?: unknown) => request('POST', url, body ?? {}),
    put: (url: string, body?: unknown) => request('PUT', url, body ?? {}),
    patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
    delete: (url: string) => request('DELETE', url),
  };
}

/** The newest outbox message to an address, and the link token in it. */
export async function latestMailTo(app: TestApp, to: string) {
  const [message] = await app.services.mail.list({ limit: 1, to });
  if (!message) throw new Error(`no mail to ${to}`);
  const token = /token=([\w-]+)/.exec(message.body_text)?.[1];
  return { message, token };
}
