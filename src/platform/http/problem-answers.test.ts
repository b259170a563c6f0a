import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { STATUS_BY_CODE } from './problem.js';
import { PROBLEM_TYPES } from './problem-types.js';

let app: TestApp;
beforeAll(async () => {
  // Without the web app (whose catch-all route changes what reaches the not-found handler: web-app.test.ts).
  app = await createTestApp({ MESHVAULT_PUBLIC_URL: 'https://portal.example.com' }, { webDir: join(tmpdir(), 'no-web-app-here') });
});
afterAll(async () => app?.dispose());

type Problem = { type: string; title: string; status: number; code: string; detail: string };
const get = (url: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' = 'GET') => app.http.inject({ method, url });

function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number, code: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json<Problem>();
  expect(problem).toMatchObject({ status, code, type: `https://portal.example.com/problems/${code}` });
  return problem;
}

describe('errors Fastify raises before any route', () => {
  it('answers a path parameter over 100 characters with a 414 problem', async () => {
    expectProblem(await get(`/api/projects/${'a'.repeat(101)}`), 414, 'uri_too_long');
  });

  it('answers a URL that does not decode with a 400 problem', async () => {
    expectProblem(await get('/api/%zz'), 400, 'bad_request');
    expectProblem(await get('/api/projects/%zz'), 400, 'bad_request');
  });
});

describe('a wrong method on an address that exists', () => {
  it('answers 405 with the methods the address accepts in Allow', async () => {
    expect(expectProblem(await get('/api/me', 'DELETE'), 405, 'method_not_allowed').detail).toContain('GET');
    expect((await get('/api/me', 'DELETE')).headers.allow).toBe('GET, HEAD, PATCH');
    expect((await get('/api/auth/sign-in')).headers.allow).toBe('POST');
    // Path parameters count too, and the tus routes (in their own plugin scope) as well.
    expect((await get(`/api/uploads/${randomUUID()}`)).headers.allow).toBe('HEAD, PATCH, DELETE');
  });

  it('still answers 404 where no method has a route', async () => {
    const res = await get('/api/no-such-thing', 'POST');
    expectProblem(res, 404, 'not_found');
    expect(res.headers.allow).toBeUndefined();
  });
});

describe('problem answers', () => {
  it('challenge a missing session with WWW-Authenticate', async () => {
    const res = await get('/api/me');
    expectProblem(res, 401, 'unauthenticated');
    expect(res.headers['www-authenticate']).toBe('Cookie realm="Meshvault"');
  });

  it('have a type that is a page of this installation explaining the problem', async () => {
    const { type } = expectProblem(await get('/api/no-such-thing'), 404, 'not_found');
    const page = await get(new URL(type).pathname);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Not found');
    expect(page.body).toContain('What to do');
  });

  it('have a page for every code, and the page of an unknown code is a 404 problem', async () => {
    for (const code of new Set([...Object.keys(STATUS_BY_CODE), ...Object.keys(PROBLEM_TYPES)])) {
      const page = await get(`/problems/${code}`);
      expect(page.statusCode, code).toBe(200);
      expect(page.body, code).toContain(PROBLEM_TYPES[code as keyof typeof PROBLEM_TYPES].title);
    }
    expectProblem(await get('/problems/no_such_code'), 404, 'not_found');
  });
});
