import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPrimaryKeyToFile } from '../../platform/crypto/master-key-file.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { cancelAProject, connectReceiver, integrationsManifest, startReceiver, type ConnectionView, type Receiver } from './integrations-test-support.js';

/**
 * A named connector's credential: sealed under the master key (the database never holds it in
 * clear), never returned after it is saved (only its last characters), sent to the connector's
 * system with each delivery, replaced or removed by its owner, and destroyed by a disconnect.
 */
let app: TestApp;
let receiver: Receiver;
let owner: TestUser;

const FIRST = 'sk_live_first0123456789abcd';
const SECOND = 'key-second-9876543210wxyz';

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' });
  await putPolicyInForce(app, integrationsManifest());
  await app.startJobs();
  receiver = await startReceiver();
  owner = await signedIn(app);
});
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

const row = (id: string) => app.db.selectFrom('integration_connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The headers of the one webhook a cancelled project sends now. */
async function nextDeliveryHeaders() {
  const before = receiver.received.length;
  await cancelAProject(owner);
  await app.jobs.drain();
  const got = receiver.received.slice(before);
  expect(got).toHaveLength(1);
  expect(got[0]!.verified, 'still verified by standardwebhooks').toBeTruthy();
  return got[0]!.headers;
}

describe("a named connector's credential", () => {
  it('is sealed, shown only as a hint, sent with each delivery, replaced, removed and destroyed on disconnect', async () => {
    const created = await connectReceiver(owner, receiver, { name: 'Our shop', system: 'ecommerce', credential: { scheme: 'bearer', value: FIRST } });
    const id = created.connection.id;
    expect(created.connection.credential).toEqual({ scheme: 'bearer', header: null, hint: '…abcd' });
    const listing = await owner.c.get('/api/integrations/connections');
    expect(listing.body).not.toContain(FIRST);
    expect(listing.json<{ connections: ConnectionView[] }>().connections.find((c) => c.id === id)?.credential).toMatchObject({ hint: '…abcd' });

    // The database holds it sealed, and the audit trail does not name it.
    const stored = await row(id);
    expect(stored.credential_sealed).toMatch(/^mvs1\./);
    expect(JSON.stringify(stored)).not.toContain(FIRST.slice(0, 12));
    const audited = await app.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(JSON.stringify(audited)).not.toContain(FIRST.slice(0, 12));

    // The connector's system receives it with the delivery.
    expect((await nextDeliveryHeaders()).authorization).toBe(`Bearer ${FIRST}`);

    // Replaced by another in a header of its own: the old one is never sent again.
    const replaced = await owner.c.patch(`/api/integrations/connections/${id}`, { credential: { scheme: 'header', header: 'X-API-Key', value: SECOND } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.body).not.toContain(SECOND);
    expect(replaced.json<{ connection: ConnectionView }>().connection.credential).toEqual({ scheme: 'header', header: 'X-API-Key', hint: '…wxyz' });
    let headers = await nextDeliveryHeaders();
    expect(headers['x-api-key']).toBe(SECOND);
    expect(headers.authorization).toBeUndefined();

    // Removed: deliveries go without one.
    expect((await owner.c.patch(`/api/integrations/connections/${id}`, { credential: null })).json<{ connection: ConnectionView }>().connection.credential).toBeNull();
    headers = await nextDeliveryHeaders();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(await row(id)).toMatchObject({ credential_sealed: null, credential_hint: null, credential_scheme: null });

    // Set again, then disconnected: destroyed with the connection's other secrets.
    expect((await owner.c.patch(`/api/integrations/connections/${id}`, { credential: { value: FIRST } })).statusCode).toBe(200);
    expect((await row(id)).credential_sealed).toMatch(/^mvs1\./);
    expect((await owner.c.delete(`/api/integrations/connections/${id}`)).statusCode).toBe(204);
    expect(await row(id)).toMatchObject({ credential_sealed: null, credential_hint: null, credential_scheme: null, credential_header: null });
  });

  it('is refused, with the field named and nothing stored, for a plain webhook, a reserved header or a value that is no key', async () => {
    const before = await app.db.selectFrom('integration_connections').select('id').execute();
    const base = { name: 'Shop', system: 'ecommerce', url: receiver.url, eventTypes: ['order.placed'] };
    const bad = [
      { ...base, system: 'webhook', credential: { value: FIRST } },
      { ...base, credential: { scheme: 'header', header: 'Webhook-Signature', value: FIRST } },
      { ...base, credential: { scheme: 'header', value: FIRST } },
      { ...base, credential: { value: 'has a space in it' } },
      { ...base, credential: { value: 'short' } },
    ];
    for (const body of bad) {
      const res = await owner.c.post('/api/integrations/connections', body);
      expect(res.statusCode, JSON.stringify(body.credential)).toBe(400);
      expect(res.body, JSON.stringify(body.credential)).toContain('credential');
    }
    expect(await app.db.selectFrom('integration_connections').select('id').execute()).toHaveLength(before.length);
  });

  it('cannot be set on a plain webhook afterwards', async () => {
    const { connection } = await connectReceiver(owner, receiver, { system: 'webhook' });
    const res = await owner.c.patch(`/api/integrations/connections/${connection.id}`, { credential: { value: FIRST } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'credential' });
    expect((await row(connection.id)).credential_sealed).toBeNull();
  });

  it('and the signing secret are sealed again under a new master key, so the old one can be retired', async () => {
    // This test's deliveries come from its own connections only.
    const earlier = (await owner.c.get('/api/integrations/connections')).json<{ connections: ConnectionView[] }>().connections;
    for (const c of earlier.filter((c) => c.status !== 'disconnected')) expect((await owner.c.delete(`/api/integrations/connections/${c.id}`)).statusCode).toBe(204);

    // A signing secret stored before secrets were sealed is still used as it is, until a rotation seals it.
    const legacy = await connectReceiver(owner, receiver, { name: 'Older shop', system: 'ecommerce', credential: { scheme: 'bearer', value: SECOND } });
    await app.db.updateTable('integration_connections').set({ secret: legacy.secret }).where('id', '=', legacy.connection.id).execute();
    expect((await nextDeliveryHeaders()).authorization).toBe(`Bearer ${SECOND}`);
    expect((await owner.c.patch(`/api/integrations/connections/${legacy.connection.id}`, { enabled: false })).statusCode).toBe(200);

    // A new one is returned once and stored sealed, like the credential.
    const { connection, secret } = await connectReceiver(owner, receiver, { name: 'Rotated shop', system: 'ecommerce', credential: { scheme: 'bearer', value: FIRST } });
    const stored = await row(connection.id);
    expect(secret).toMatch(/^whsec_/);
    expect(stored.secret).toMatch(/^mvs1\./);
    expect(stored.secret).not.toContain(secret!.slice(6));

    const ring = await addPrimaryKeyToFile(app.config.dataDir);
    await app.services.files.rewrapAllKeys(ring);
    expect((await app.services.integrations.resealSecrets()).resealed).toBeGreaterThanOrEqual(2);
    const masterIdOf = (sealed: string | null) => sealed?.split('.')[2];
    for (const id of [connection.id, legacy.connection.id]) {
      const after = await row(id);
      expect(masterIdOf(after.secret), id).toBe(ring.primary.id);
      expect(masterIdOf(after.credential_sealed), id).toBe(ring.primary.id);
    }
    // Idempotent: a second run finds everything under the new key.
    expect(await app.services.integrations.resealSecrets()).toMatchObject({ resealed: 0 });

    // Deliveries still carry the credential, signed so that the receiver verifies them with the secret it was given.
    expect((await nextDeliveryHeaders()).authorization).toBe(`Bearer ${FIRST}`);
    const audited = await app.db.selectFrom('audit_log').select('action').where('action', '=', 'integrations.secrets_resealed').execute();
    expect(audited).toHaveLength(2);
  });
});
