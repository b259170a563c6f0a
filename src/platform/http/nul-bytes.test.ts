import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, signedIn, type TestUser } from '../../test-support/builders.js';
import { tusCreate } from '../../modules/files/files-test-support.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { NUL_MESSAGE, pathsWithNul } from './nul-bytes.js';

let app: TestApp;
let customer: TestUser;
let admin: TestUser;
let projectId: string;
beforeAll(async () => {
  app = await createTestApp();
  customer = await signedIn(app, 'customer', 'nul@customer.test');
  admin = await signedIn(app, 'admin', 'nul@operator.test');
  projectId = await createProject(customer);
}, 60_000);
afterAll(async () => app?.dispose());

/** A 400 problem naming exactly these fields, the way every other validation error does. */
function expectNulRefused(res: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T; body: string }, paths: string[]) {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json<{ code: string; errors: Array<{ path: string; message: string }> }>();
  expect(problem.code).toBe('bad_request');
  expect(problem.errors).toEqual(paths.map((path) => ({ path, message: NUL_MESSAGE })));
}

describe('a NUL character in any input', () => {
  it('is refused with a 400 naming the field, never reaching the database', async () => {
    expectNulRefused(await customer.c.patch('/api/me', { name: 'Ada\u0000Lovelace' }), ['body.name']);
    expectNulRefused(await customer.c.post(`/api/projects/${projectId}/messages`, { body: 'hello\u0000' }), ['body.body']);
    expectNulRefused(await customer.c.post('/api/me/restriction', { reason: '\u0000' }), ['body.reason']);
    expectNulRefused(await customer.c.post('/api/projects', { title: 'A\u0000', process: 'FDM', material: 'pla', quantity: 1, notes: 'b\u0000' }), ['body.title', 'body.notes']);
    expectNulRefused(await admin.c.get('/api/admin/users?q=ada%00'), ['querystring.q']);
    expectNulRefused(await customer.c.get('/api/projects/%00'), ['params.id']);
    // Nothing was stored: the name is still the one given at creation.
    expect((await customer.c.get('/api/me')).json<{ name: string }>().name).toBe('Person nul');
  });

  it('is refused in the tus Upload-Metadata header, which no schema reads', async () => {
    const res = await tusCreate(app, customer, projectId, 'part\u0000.stl', 100);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ detail: string }>().detail).toContain('NUL');
  });

  it('is found at any depth, in values and in keys, without recursion', () => {
    expect(pathsWithNul({ a: [{ b: 'ok' }, { c: 'x\u0000' }], 'k\u0000': 1, d: 'fine' })).toEqual([['a', '1', 'c'], ['k\\u0000']]);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(pathsWithNul(deep)).toHaveLength(1);
  });
});
