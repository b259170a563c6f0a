import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../test-support/builders.js';
import { createClient } from '../../test-support/http-client.js';
import { putPolicyInForce } from '../../test-support/policy-in-force.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Third-party advertising through the one way out (issue 14 item 6): the banner asks before it
 * loads an advertiser's script; egress's shared check decides and logs the disclosure to the
 * manifest's advertiser. Seed 001 declares Google AdSense; seed 004 declares no advertising.
 */
let app: TestApp;
const seed = (file: string) => readFileSync(new URL(`../../../examples/manifests/${file}`, import.meta.url), 'utf8');
beforeAll(async () => {
  app = await createTestApp();
  await putPolicyInForce(app, seed('001-scanning-printing.yaml'));
});
afterAll(async () => app?.dispose());

type State = { notice: { policyVersion: number; noticeHash: string } };
async function visitorWho(advertising: boolean) {
  const visitor = createClient(app);
  const state = (await visitor.get('/api/consent')).json<State>();
  const res = await visitor.post('/api/consent', { method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: { functional: false, analytics: false, advertising } });
  expect(res.statusCode, res.body).toBe(200);
  return visitor;
}
const adDisclosures = () => app.db.selectFrom('disclosures').select(['subject_id', 'kind', 'recipient', 'purpose', 'categories', 'legal_basis']).where('purpose', '=', 'advertising').execute();

describe('advertising through the egress point', () => {
  it('with consent: releases the declared advertiser and records the disclosure, audited', async () => {
    const visitor = await visitorWho(true);
    const res = await visitor.post('/api/consent/advertising', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ recipients: [{ id: 'google_adsense', name: 'Google (AdSense)' }] });
    const rows = await adDisclosures();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_id: null, kind: 'third_party', recipient: 'Google (AdSense)', legal_basis: 'consent' });
    expect([...rows[0]!.categories].sort()).toEqual(['technical.cookie_id', 'technical.device', 'technical.ip']);
    const audited = await app.db.selectFrom('audit_log').select('action').where('action', '=', 'egress.handed_over').execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('refused, unknown or sending Global Privacy Control: nothing released, nothing disclosed', async () => {
    const before = (await adDisclosures()).length;
    const refused = await visitorWho(false);
    expect((await refused.post('/api/consent/advertising', {})).json()).toEqual({ recipients: [] });
    expect((await createClient(app).post('/api/consent/advertising', {})).json()).toEqual({ recipients: [] });
    // Consented earlier, then the browser signals GPC (navigator.globalPrivacyControl or Sec-GPC): the opt-out is recorded and wins.
    const gpc = await visitorWho(true);
    expect((await gpc.post('/api/consent/advertising', { gpc: true })).json()).toEqual({ recipients: [] });
    expect((await gpc.post('/api/consent/advertising', {})).json()).toEqual({ recipients: [] });
    expect(await adDisclosures()).toHaveLength(before);
  });

  it('for a person who restricted processing: nothing released, nothing disclosed, until they lift it', async () => {
    const person = await signedIn(app);
    const state = (await person.c.get('/api/consent')).json<State>();
    const chosen = await person.c.post('/api/consent', { method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: { functional: false, analytics: false, advertising: true } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const mine = async () => (await adDisclosures()).filter((d) => d.subject_id === person.id);
    const released = async () => (await person.c.post('/api/consent/advertising', {})).json<{ recipients: Array<{ id: string }> }>().recipients.map((r) => r.id);
    // Consented and not restricted: released, so the refusal below is the restriction's doing.
    expect(await released()).toEqual(['google_adsense']);
    expect(await mine()).toHaveLength(1);

    expect((await person.c.post('/api/me/restriction', { reason: 'I dispute the accuracy of my data' })).statusCode).toBe(200);
    expect(await released()).toEqual([]);
    expect(await released()).toEqual([]);
    expect(await mine()).toHaveLength(1);

    expect((await person.c.delete('/api/me/restriction')).statusCode).toBe(200);
    expect(await released()).toEqual(['google_adsense']);
    expect(await mine()).toHaveLength(2);
  });

  it('under seed 004, which declares no advertising: nothing to release', async () => {
    await putPolicyInForce(app, seed('004-model-preparation.yaml'));
    const visitor = createClient(app);
    const state = (await visitor.get('/api/consent')).json<State>();
    await visitor.post('/api/consent', { method: 'banner', policyVersion: state.notice.policyVersion, noticeHash: state.notice.noticeHash, categories: { functional: true, analytics: true } });
    expect((await visitor.post('/api/consent/advertising', {})).json()).toEqual({ recipients: [] });
    await putPolicyInForce(app, seed('001-scanning-printing.yaml'));
  });
});
