import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithMembers, signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { cancelAProject, connectReceiver, deliveriesOf, integrationsManifest, startReceiver, type ConnectionView, type Receiver } from './integrations-test-support.js';

/**
 * A system connected for an organisation by its admin: only an admin of that organisation may
 * connect, see or manage it; every member's events go to it with only what the policy allows (and
 * nothing about a member who restricted processing); a disconnect stops all of it at once.
 */
let app: TestApp;
let receiver: Receiver;
let operator: TestUser, ann: TestUser, max: TestUser, mia: TestUser, ben: TestUser, otto: TestUser;
let alpha: string;

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' });
  await putPolicyInForce(app, integrationsManifest());
  await app.startJobs();
  receiver = await startReceiver();
  operator = await signedIn(app, 'admin', 'root@operator.test');
  ann = await signedIn(app, 'customer', 'ann@alpha.test');
  max = await signedIn(app, 'customer', 'max@alpha.test');
  mia = await signedIn(app, 'customer', 'mia@alpha.test');
  ben = await signedIn(app, 'customer', 'ben@beta.test');
  otto = await signedIn(app, 'customer', 'otto@example.test');
  alpha = await createOrgWithMembers(app, { operatorId: operator.id, name: 'Alpha Ltd', adminId: ann.id, adminEmail: ann.email, members: [max, mia] });
  await createOrgWithMembers(app, { operatorId: operator.id, name: 'Beta GmbH', adminId: ben.id, adminEmail: ben.email, members: [] });
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

const listed = async (user: TestUser) => (await user.c.get('/api/integrations/connections')).json<{ connections: ConnectionView[] }>().connections;
const connectionRows = () => app.db.selectFrom('integration_connections').selectAll().where('organisation_id', '=', alpha).execute();

describe('a connection for an organisation', () => {
  it('is made only by an admin of that organisation', async () => {
    const body = { name: 'Alpha ERP', system: 'erp', url: receiver.url, eventTypes: ['project.status_changed'], organisationId: alpha };
    // A member, another organisation's admin, someone of no organisation and the operator are all refused.
    for (const [who, user] of [['member', max], ['other admin', ben], ['outsider', otto], ['operator', operator]] as const) {
      const res = await user.c.post('/api/integrations/connections', body);
      expect(res.statusCode, who).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, who).toBeLessThan(500);
    }
    expect(await connectionRows()).toEqual([]);
  });

  it("sends every member's events with only the allowed fields, nothing about a restricted member, and stops all on disconnect", async () => {
    const { connection } = await connectReceiver(ann, receiver, { name: 'Alpha ERP', organisationId: alpha });
    expect(connection.organisationId).toBe(alpha);

    // The admin sees it and manages it; members and others neither see nor reach it.
    expect((await listed(ann)).map((c) => c.id)).toContain(connection.id);
    for (const user of [max, ben, otto]) {
      expect((await listed(user)).map((c) => c.id)).not.toContain(connection.id);
      expect((await user.c.get(`/api/integrations/connections/${connection.id}/deliveries`)).statusCode).toBe(404);
      expect((await user.c.patch(`/api/integrations/connections/${connection.id}`, { enabled: false })).statusCode).toBe(404);
      expect((await user.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(404);
    }

    // A member's event goes to the organisation's system, with only what the policy allows.
    let before = receiver.received.length;
    const projectId = await cancelAProject(max);
    await app.jobs.drain();
    const [hook] = receiver.received.slice(before);
    expect(hook?.verified, 'verified by standardwebhooks').toBeTruthy();
    expect(hook!.verified!.data).toMatchObject({ id: projectId, process: 'FDM' });
    for (const field of ['title', 'status', 'customer_id']) expect(hook!.verified!.data, field).not.toHaveProperty(field);
    const disclosed = await app.db.selectFrom('disclosures').selectAll().where('subject_id', '=', max.id).execute();
    expect(disclosed.map((d) => d.categories)).toEqual([['integration.erp', 'project.specifications']]);

    // Someone outside the organisation sends it nothing.
    before = receiver.received.length;
    await cancelAProject(otto);
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before);

    // A member who restricted processing: the delivery is refused, nothing is sent or logged.
    expect((await mia.c.post('/api/me/restriction', { reason: 'I dispute the accuracy of my data' })).statusCode).toBe(200);
    await cancelAProject(mia);
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before);
    const refused = (await deliveriesOf(ann, connection.id)).find((d) => d.status === 'refused');
    expect(refused?.attempts).toBe(0);
    expect(await app.db.selectFrom('disclosures').selectAll().where('subject_id', '=', mia.id).execute()).toEqual([]);

    // A member's delivery still waiting (the receiver failed) is cancelled by the disconnect, and no later event is queued.
    receiver.answer(503);
    await cancelAProject(max);
    await app.jobs.drain();
    expect((await deliveriesOf(ann, connection.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await ann.c.delete(`/api/integrations/connections/${connection.id}`)).statusCode).toBe(204);
    const after = await deliveriesOf(ann, connection.id);
    expect(after.filter((d) => d.status === 'pending')).toEqual([]);
    expect(after[0]).toMatchObject({ status: 'cancelled' });
    before = receiver.received.length;
    await cancelAProject(max);
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before);
    expect(await deliveriesOf(ann, connection.id)).toHaveLength(after.length);
    expect(await connectionRows()).toEqual([expect.objectContaining({ id: connection.id, status: 'disconnected', secret: null })]);
  });
});
