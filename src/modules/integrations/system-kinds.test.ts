import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../test-support/builders.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';
import { cancelAProject, CONNECTED, connectReceiver, deliveriesOf, integrationsManifest, startReceiver, type Receiver } from './integrations-test-support.js';

/**
 * What is exchanged with each kind of system is a category of its own (ERP, CRM, e-commerce), so a
 * policy may let a recipient receive one and not another, or name each kind as a recipient with its
 * own data: a connection of one kind is never sent what the policy allows only another.
 */
let app: TestApp;
let receiver: Receiver;

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_WEBHOOK_ALLOW_PRIVATE: 'true' });
  await app.startJobs();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await app?.dispose();
});

const disclosuresOf = (userId: string) => app.db.selectFrom('disclosures').selectAll().where('subject_id', '=', userId).execute();

describe('the kind of a connected system', () => {
  it('is refused everything when the recipient may not receive its kind of exchange, while another kind gets its events', async () => {
    // ERP exchanges and project specifications, no CRM exchange.
    await putPolicyInForce(app, integrationsManifest(['integration.erp', 'project.specifications']));
    const erpUser = await signedIn(app);
    const crmUser = await signedIn(app);
    const erp = await connectReceiver(erpUser, receiver, { system: 'erp' });
    const crm = await connectReceiver(crmUser, receiver, { system: 'crm', name: 'Our CRM' });

    let before = receiver.received.length;
    await cancelAProject(crmUser);
    await app.jobs.drain();
    expect(receiver.received.length).toBe(before);
    const [refused] = await deliveriesOf(crmUser, crm.connection.id);
    expect(refused).toMatchObject({ status: 'refused', attempts: 0 });
    expect(refused!.lastError).toContain('integration.crm');
    expect(await disclosuresOf(crmUser.id)).toEqual([]);

    receiver.useSecret(erp.secret!);
    before = receiver.received.length;
    await cancelAProject(erpUser);
    await app.jobs.drain();
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.verified!.data).toMatchObject({ process: 'FDM' });
    expect((await disclosuresOf(erpUser.id)).map((d) => d.categories)).toEqual([['integration.erp', 'project.specifications']]);
  });

  it('sends a system of one kind nothing the policy allows only for another kind', async () => {
    // The ERPs receive project specifications; the online shops, named apart, only their own exchange.
    await putPolicyInForce(
      app,
      manifestVariant((doc) => {
        const platforms = doc.recipients.find((r) => r.id === CONNECTED)!;
        platforms.categories = ['integration.erp', 'project.specifications'];
        doc.recipients.push({ ...platforms, id: 'online_shops', name: 'Online shops you connect', categories: ['integration.ecommerce'] });
      }),
    );
    const shopUser = await signedIn(app);
    const shop = await connectReceiver(shopUser, receiver, { system: 'ecommerce', name: 'Our shop' });
    const before = receiver.received.length;
    const projectId = await cancelAProject(shopUser);
    await app.jobs.drain();
    const [hook] = receiver.received.slice(before);
    expect(hook?.verified, 'verified by standardwebhooks').toBeTruthy();
    expect(hook!.verified!.data).toMatchObject({ id: projectId });
    for (const field of ['process', 'material', 'quantity']) expect(hook!.verified!.data, field).not.toHaveProperty(field);
    expect((await deliveriesOf(shopUser, shop.connection.id))[0]).toMatchObject({ status: 'succeeded' });
    expect(await disclosuresOf(shopUser.id)).toEqual([expect.objectContaining({ recipient: 'Online shops you connect', categories: ['integration.ecommerce'] })]);
  });
});
