import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../src/test-support/builders.js';
import type { createClient } from '../src/test-support/http-client.js';
import { createTestApp, type TestApp } from '../src/test-support/test-app.js';

/**
 * Every route of the API, as the OpenAPI document lists it, fed what an attacker or a broken client
 * sends: malformed JSON, a body of the wrong shape, path parameters that are not ids (a traversal, a
 * NUL, a huge number), nonsense in the query. Each must be answered with a clear client error (4xx,
 * a problem body that says what is wrong), never a server error, and must change nothing.
 */
type Client = ReturnType<typeof createClient>;
type Route = { method: string; path: string };

const HOSTILE_PARAMS = ['not-an-id', '..%2F..%2Fetc%2Fpasswd', '%00', '99999999999999999999999', '00000000-0000-4000-8000-000000000000'];
const WRONG_SHAPES: unknown[] = [[1, 2, 3], { email: 12, name: { $ne: null }, id: ['x'], __proto__: { admin: true }, amount: 'NaN', token: null }, 'just a string'];
// Tables that a refused request may still touch: the rate-limit counters count refusals too.
const COUNTS_REFUSALS = new Set(['rate_limit_counters', 'audit_log']);

let app: TestApp;
let routes: Route[];
let who: Array<{ role: string; c: Client }>;

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs(); // routes that queue work (an export) answer as in production
  const doc = (await app.http.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  // Signing out takes no input and ends the session the walk needs: it is not walked.
  routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })))
    .filter((r) => !r.path.endsWith('/sign-out'));
  who = [
    { role: 'customer', c: (await signedIn(app, 'customer', 'hostile-customer@example.test')).c },
    { role: 'admin', c: (await signedIn(app, 'admin', 'hostile-admin@example.test')).c },
  ];
});
afterAll(async () => app?.dispose());

const withParams = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

async function send(c: Client, method: string, url: string, payload: string | undefined): Promise<LightMyRequestResponse> {
  const token = method === 'GET' ? undefined : await c.csrfToken();
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.http.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...(token ? { 'x-csrf-token': token } : {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await app.database.executeSql("select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'");
  const out: Record<string, number> = {};
  for (const name of tables.rows.map((r) => String(r.table_name))) {
    if (COUNTS_REFUSALS.has(name) || name.startsWith('kysely_')) continue;
    const [row] = (await app.database.executeSql(`select count(*) as n from "${name}"`)).rows;
    out[name] = Number(row?.n ?? 0);
  }
  return out;
}

function expectClientError(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400 && String(res.headers['content-type'] ?? '').includes('json')) {
    const body = res.json<Record<string, unknown>>();
    expect(typeof (body.detail ?? body.message ?? body.title), `${what}: a refusal says why`).toBe('string');
  }
}

describe('hostile input on every route', () => {
  it('lists the routes it walks', () => {
    expect(routes.length).toBeGreaterThan(100);
  });

  it('answers malformed JSON with 400 and a body of the wrong shape with a 4xx, never a 5xx, changing nothing', async () => {
    const before = await rowCounts();
    for (const { role, c } of who) {
      for (const { method, path } of routes.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))) {
        const url = withParams(path, HOSTILE_PARAMS[4]!);
        const res = await send(c, method, url, '{"unterminated": ');
        expectClientError(res, `${role} ${method} ${path} malformed JSON`);
        expect(res.statusCode, `${role} ${method} ${path} malformed JSON`).not.toBe(200);
        for (const shape of WRONG_SHAPES) expectClientError(await send(c, method, url, JSON.stringify(shape)), `${role} ${method} ${path} ${JSON.stringify(shape)}`);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('answers path parameters that are not ids, and nonsense queries, with a 4xx, never a 5xx', async () => {
    for (const { role, c } of who) {
      for (const { method, path } of routes) {
        if (path.includes('{')) {
          for (const value of HOSTILE_PARAMS) expectClientError(await send(c, method, withParams(path, value), method === 'GET' ? undefined : '{}'), `${role} ${method} ${withParams(path, value)}`);
        }
        if (method === 'GET') {
          const url = `${withParams(path, HOSTILE_PARAMS[4]!)}?limit=-1&offset=abc&page=1e309&q[]=x&since=not-a-date&version=0x10`;
          expectClientError(await send(c, method, url, undefined), `${role} GET ${url}`);
        }
      }
    }
  });
});
