import { expect } from 'vitest';
import { SESSION_COOKIE } from '../accounts/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { createClient } from '../../test-support/http-client.js';
import type { TestApp } from '../../test-support/test-app.js';

export const TEST_PASSWORD = 'correct horse battery staple';
const password = TEST_PASSWORD;

/** A verified account made the operator's way, signed in through the service (HTTP sign-in is rate-limited). */
export async function makeUser(app: TestApp, email: string, role: 'customer' | 'staff' | 'admin' = 'customer') {
  const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email, name: `Person ${email.split('@')[0]}`, password, role }, { requestId: 'test' });
  const session = await app.services.accounts.signIn({ email, password }, { requestId: 'test' });
  const c = createClient(app);
  c.cookies.set(SESSION_COOKIE, session.token);
  expect((await c.get('/api/me')).statusCode).toBe(200);
  return { id, email, c };
}

export type TestUser = Awaited<ReturnType<typeof makeUser>>;

export const sampleProject = {
  title: 'Gearbox housing',
  process: 'FDM',
  material: 'pla',
  colour: 'black',
  quantity: 3,
  units: 'mm',
  toleranceMm: 0.2,
  finish: 'sanded',
  wantedDeliveryDate: '2027-03-31',
  notes: 'Confidential prototype.',
};

export async function createProject(user: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await user.c.post('/api/projects', { ...sampleProject, ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

export async function auditEntries(app: TestApp, action: string, targetId?: string) {
  let q = app.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (targetId) q = q.where('target_id', '=', targetId);
  return q.orderBy('id').execute();
}
