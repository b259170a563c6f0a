/**
 * The one way out: what handOver lets leave, what it strips, and each refusal — every refusal
 * records nothing, in the disclosure log or the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Work } from '../../platform/unit-of-work/index.js';
import { auditEntries, signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';
import type { HandOverInput, HandOverField } from './index.js';

let app: TestApp;
let officer: TestUser;
let ann: TestUser;
let ben: TestUser;

const within = <T>(fn: (work: Work) => Promise<T>) => app.uow.run({ actor: SYSTEM_ACTOR }, fn);
const handOver = <F extends Record<string, HandOverField>>(input: HandOverInput<F>) => within((work) => app.services.egress.handOver(work, input));
const logged = async () => (await app.db.selectFrom('disclosures').select('id').execute()).length;
const contact = (user: TestUser) => ({ email: { category: 'contact.email', value: user.email }, name: { category: 'contact.name', value: `Person ${user.email}` } });

/** The default policy, plus a CRM that receives names and addresses, and a newsletter people consent to. */
const withCrm = manifestVariant((d) => {
  d.recipients.push({ id: 'crm', name: 'Example CRM', kind: 'processor', service: 'Keeps our customer list.', categories: ['contact.email', 'contact.name'], country: 'EU', transfer_mechanism: 'not_required' });
  d.recipients.push({ id: 'auditor', name: 'Example auditor', kind: 'processor', service: 'Audits our licences.', categories: ['contact.email', 'licence.key'], country: 'EU', transfer_mechanism: 'not_required' });
  d.purposes.push({ id: 'product_news', name: 'Product news', description: 'E-mail you about new materials.', legal_basis: 'consent', categories: ['contact.email', 'contact.name'] });
});

beforeAll(async () => {
  app = await createTestApp();
  await app.startJobs();
  officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  ann = await signedIn(app, 'customer', 'ann@example.com');
  ben = await signedIn(app, 'customer', 'ben@example.com');
  const published = await officer.c.post('/api/privacy/manifest/publish', { yaml: withCrm });
  expect(published.statusCode, published.body).toBe(201);
  await app.jobs.drain(); // the change notice asks everyone about the newsletter
}, 60_000);
afterAll(async () => app?.dispose());

/** Runs a hand-over that must be refused: the refusal's name and message, and nothing recorded. */
async function refused<F extends Record<string, HandOverField>>(input: HandOverInput<F>) {
  const before = { log: await logged(), audit: (await auditEntries(app, 'egress.handed_over')).length };
  const error = await handOver(input).then(
    () => undefined,
    (e: unknown) => e as { code: string; message: string; details: { refusal: string } },
  );
  expect(error, 'the hand-over should have been refused').toBeDefined();
  expect(await logged()).toBe(before.log);
  expect(await auditEntries(app, 'egress.handed_over')).toHaveLength(before.audit);
  return { code: error!.code, refusal: error!.details.refusal, message: error!.message };
}

describe('a hand-over the policy allows', () => {
  it('leaves with only what the recipient may receive, is logged for the person and audited without values', async () => {
    const out = await handOver({
      recipient: 'crm',
      processing: 'integrations',
      subjectId: ann.id,
      data: { ...contact(ann), phone: { category: 'contact.phone', value: '+352 123', optional: true } },
      reference: 'crm-sync-1',
    });
    expect(out.data).toEqual({ email: 'ann@example.com', name: 'Person ann@example.com' });
    expect(out.stripped).toEqual(['phone']);
    expect(out).toMatchObject({ categories: ['contact.email', 'contact.name'], purpose: 'account', outsidePolicy: false });

    const dashboard = (await ann.c.get('/api/me/privacy')).json<{ disclosures: Array<Record<string, unknown>> }>().disclosures;
    expect(dashboard).toEqual([
      expect.objectContaining({ id: out.id, kind: 'integration', recipient: 'Example CRM', categories: ['contact.email', 'contact.name'], purpose: 'account', legalBasis: 'contract', outsidePolicy: false, reference: 'crm-sync-1' }),
    ]);
    expect((await ben.c.get('/api/me/privacy')).json<{ disclosures: unknown[] }>().disclosures).toEqual([]);
    const [entry] = await auditEntries(app, 'egress.handed_over', out.id);
    expect(entry).toMatchObject({ subject_id: ann.id, actor_role: 'system', target_type: 'disclosure' });
    expect(entry?.details).toEqual({ kind: 'integration', recipient: 'crm', purpose: 'account', categories: ['contact.email', 'contact.name'], stripped: ['phone'], outsidePolicy: false });
    expect(JSON.stringify(entry)).not.toContain('ann@example.com');
  });

  it('goes to a recipient outside the policy only when the law requires it, with its legal basis, flagged', async () => {
    const out = await handOver({ recipient: 'Court of Example', processing: 'required', legalBasis: 'court order 7/2026', kind: 'authority', subjectId: ben.id, data: contact(ben) });
    expect(out.outsidePolicy).toBe(true);
    const [shown] = (await ben.c.get('/api/me/privacy')).json<{ disclosures: Array<Record<string, unknown>> }>().disclosures;
    expect(shown).toMatchObject({ recipient: 'Court of Example', legalBasis: 'court order 7/2026', outsidePolicy: true });
  });
});

describe('refusals', () => {
  it('an undeclared recipient', async () => {
    const unknown = await refused({ recipient: 'hubspot', processing: 'integrations', subjectId: ann.id, data: contact(ann) });
    expect(unknown).toMatchObject({ code: 'unprocessable', refusal: 'undeclared_recipient' });
    expect(unknown.message).toContain('The privacy manifest names no recipient "hubspot" (it names: connected_platforms, authorities, crm, auditor)');
    // A legal basis does not open the way for anything the law does not require.
    expect(await refused({ recipient: 'hubspot', processing: 'integrations', legalBasis: 'we want to', subjectId: ann.id, data: contact(ann) })).toMatchObject({ refusal: 'undeclared_recipient' });
  });

  it('a category not declared for the recipient, or not declared at all; optional fields are stripped instead', async () => {
    const phone = { category: 'contact.phone', value: '+352 123' };
    expect(await refused({ recipient: 'crm', processing: 'integrations', subjectId: ann.id, data: { ...contact(ann), phone } })).toEqual({
      code: 'unprocessable',
      refusal: 'category_not_for_recipient',
      message: 'The privacy manifest does not allow handing contact.phone to Example CRM; nothing was handed over.',
    });
    expect(await refused({ recipient: 'crm', processing: 'integrations', subjectId: ann.id, data: { scan: { category: 'scan.body', value: 'mesh' } } })).toMatchObject({
      refusal: 'undeclared_category',
    });
    expect(await refused({ recipient: 'crm', processing: 'integrations', subjectId: ann.id, data: { phone: { ...phone, optional: true } } })).toMatchObject({ refusal: 'nothing_left' });
  });

  it('a purpose not declared, a purpose that does not use the data, or data no purpose uses together', async () => {
    expect(await refused({ recipient: 'crm', purpose: 'resale', processing: 'integrations', subjectId: ann.id, data: contact(ann) })).toMatchObject({ code: 'unprocessable', refusal: 'undeclared_purpose' });
    expect(await refused({ recipient: 'crm', purpose: 'age_check', processing: 'integrations', subjectId: ann.id, data: contact(ann) })).toEqual({
      code: 'unprocessable',
      refusal: 'category_not_in_purpose',
      message: 'The purpose "age_check" of the privacy manifest does not use contact.email, contact.name; nothing was handed over.',
    });
    // The auditor may receive both, but no purpose of the manifest uses a licence key with an e-mail address.
    const keyAndEmail = { email: { category: 'contact.email', value: ann.email }, key: { category: 'licence.key', value: 'KEY-1' } };
    expect(await refused({ recipient: 'auditor', processing: 'service', subjectId: ann.id, data: keyAndEmail })).toMatchObject({ refusal: 'category_not_in_purpose' });
  });

  it('a consent-based purpose until the person consents', async () => {
    const news = { recipient: 'crm', purpose: 'product_news', processing: 'marketing' as const, subjectId: ann.id, data: contact(ann) };
    const noConsent = await refused(news);
    expect(noConsent).toMatchObject({ code: 'forbidden', refusal: 'consent_missing' });
    expect(noConsent.message).toContain('"product_news" needs the person\'s consent');
    const [prompt] = (await ann.c.get('/api/me/consent-prompts')).json<{ prompts: Array<{ id: string }> }>().prompts;
    expect((await ann.c.post(`/api/me/consent-prompts/${prompt!.id}`, { answer: 'accept' })).statusCode).toBe(200);
    expect((await handOver(news)).purpose).toBe('product_news');
    // Ben said no.
    const [bens] = (await ben.c.get('/api/me/consent-prompts')).json<{ prompts: Array<{ id: string }> }>().prompts;
    expect((await ben.c.post(`/api/me/consent-prompts/${bens!.id}`, { answer: 'decline' })).statusCode).toBe(200);
    expect(await refused({ ...news, subjectId: ben.id, data: contact(ben) })).toMatchObject({ refusal: 'consent_missing' });
  });
});

describe("a restricted person's data never leaves", () => {
  it('except where the law requires it; an opt-out stops only its own kind', async () => {
    const cleo = await signedIn(app, 'customer', 'cleo@example.com');
    const toCrm = (processing: 'service' | 'integrations' | 'analytics') => ({ recipient: 'crm', processing, subjectId: cleo.id, data: contact(cleo) });
    expect((await cleo.c.post('/api/me/opt-outs/integrations')).statusCode).toBe(200);
    expect(await refused(toCrm('integrations'))).toMatchObject({ code: 'forbidden', refusal: 'restricted' });
    expect((await handOver(toCrm('service'))).outsidePolicy).toBe(false);

    expect((await cleo.c.post('/api/me/restriction', { reason: 'I dispute the accuracy of my data' })).statusCode).toBe(200);
    for (const processing of ['service', 'integrations', 'analytics'] as const) expect(await refused(toCrm(processing))).toMatchObject({ code: 'forbidden', refusal: 'restricted' });
    // A disclosure the law requires still happens, and is logged.
    const court = await handOver({ recipient: 'authorities', processing: 'required', legalBasis: 'court order 9/2026', kind: 'authority', subjectId: cleo.id, data: contact(cleo) });
    expect(court.outsidePolicy).toBe(false);

    expect((await cleo.c.delete('/api/me/restriction')).statusCode).toBe(200);
    expect((await handOver(toCrm('service'))).outsidePolicy).toBe(false);
  });
});
