import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import { acceptPolicy } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.dispose());

const password = 'correct horse battery staple';

async function signedIn(email: string, role: 'admin' | 'staff') {
  const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email, name: `Person ${role}`, password, role }, { requestId: 'test' });
  const c = createClient(app);
  expect((await c.post('/api/auth/sign-in', { email, password })).statusCode).toBe(200);
  await acceptPolicy(app, c);
  return { c, id };
}

describe('the outbox for admins', () => {
  it('shows the messages to an admin, and audits the reading with the messages and their recipients', async () => {
    const reader = await signedIn('reader@example.com', 'staff');
    const admin = await signedIn('admin@example.com', 'admin');
    // Changing a password mails an alert to its owner: a message with a recipient account.
    expect((await reader.c.post('/api/me/password', { currentPassword: password, newPassword: 'another long password' })).statusCode).toBe(200);

    const res = await admin.c.get('/api/admin/outbox?to=Reader@Example.com');
    expect(res.statusCode, res.body).toBe(200);
    const { messages } = res.json<{ messages: Array<{ id: string; to: string; kind: string }> }>();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.to === 'reader@example.com')).toBe(true);

    const entry = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'mail.outbox_read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_id: admin.id,
      actor_role: 'admin',
      subject_id: null,
      details: { messageIds: messages.map((m) => m.id), recipients: [reader.id] },
    });
    expect(entry.request_id).toEqual(expect.any(String));
  });

  it('is for admins only', async () => {
    const staff = await signedIn('staff@example.com', 'staff');
    expect((await staff.c.get('/api/admin/outbox')).statusCode).toBe(403);
  });
});
