/**
 * Mail leaves through the one way out: a tiny SMTP server on 127.0.0.1 stands in for the relay (the
 * outside world) and keeps what it is handed; everything else is the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { manifestVariant } from '../privacy/test-manifests.js';
import { startSmtpCatcher } from '../rights/rights-test-support.js';

/** The relay, and the subjects of what it received for one address, in order. */
async function relay() {
  const smtp = await startSmtpCatcher();
  const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address)).map((m) => /^Subject: (.*)$/m.exec(m.data)?.[1]);
  return { ...smtp, to };
}

/** Writes a message the way every use-case does, in a unit of work; it is delivered after commit. */
async function mail(app: TestApp, user: TestUser, kind: string) {
  await app.uow.run({ actor: SYSTEM_ACTOR }, (work) => work.mail({ to: user.email, userId: user.id, kind, subject: `about ${kind}`, text: 'Hello.' }));
  const [row] = await app.services.mail.list({ limit: 1, to: user.email });
  return row!;
}

describe('the operator’s own mail server (no MESHVAULT_MAIL_RECIPIENT)', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof relay>>;
  beforeAll(async () => {
    smtp = await relay();
    app = await createTestApp({ MESHVAULT_SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await app?.dispose();
    await smtp?.close();
  });

  it("sends a restricted person only what they asked for, what protects their account, and what the law requires", async () => {
    const dan = await signedIn(app, 'customer', 'dan@example.com');
    expect((await mail(app, dan, 'projects.status_changed')).sent_at).not.toBeNull();
    expect((await dan.c.post('/api/me/restriction', {})).statusCode).toBe(200);

    const held = await mail(app, dan, 'projects.status_changed');
    expect(held.sent_at).toBeNull();
    expect(held.last_error).toMatch(/restricted the processing of their data/);
    for (const kind of ['accounts.alert_password_changed', 'rights.export_ready', 'privacy.policy_changed']) expect((await mail(app, dan, kind)).sent_at).not.toBeNull();
    expect(smtp.to('dan@example.com')).toEqual(['about projects.status_changed', 'about accounts.alert_password_changed', 'about rights.export_ready', 'about privacy.policy_changed']);
    // The installation's own server is no third party: nothing in the disclosure log.
    expect(await app.db.selectFrom('disclosures').select('id').execute()).toEqual([]);
  });

  it('treats a kind of mail nobody classified as marketing: an opt-out stops it', async () => {
    const eve = await signedIn(app, 'customer', 'eve@example.com');
    expect((await eve.c.post('/api/me/opt-outs/marketing')).statusCode).toBe(200);
    expect((await mail(app, eve, 'newsletter.monthly')).sent_at).toBeNull();
    expect((await mail(app, eve, 'quotes.issued')).sent_at).not.toBeNull();
    expect(smtp.to('eve@example.com')).toEqual(['about quotes.issued']);
  });
});

describe('a mail provider named by MESHVAULT_MAIL_RECIPIENT', () => {
  let app: TestApp;
  let officer: TestUser;
  let smtp: Awaited<ReturnType<typeof relay>>;
  beforeAll(async () => {
    smtp = await relay();
    app = await createTestApp({ MESHVAULT_SMTP_URL: smtp.url, MESHVAULT_MAIL_RECIPIENT: 'mail_provider' });
    await app.startJobs();
    officer = await signedIn(app, 'privacy_officer', 'officer@example.com');
  }, 60_000);
  afterAll(async () => {
    await app?.dispose();
    await smtp?.close();
  });

  it('delivers nothing while the policy does not declare it, then logs each message handed to it', async () => {
    const fay = await signedIn(app, 'customer', 'fay@example.com');
    const waiting = await mail(app, fay, 'quotes.issued');
    expect(waiting.sent_at).toBeNull();
    expect(waiting.last_error).toMatch(/names no recipient "mail_provider"/);
    expect(smtp.messages).toEqual([]);

    const provider = { id: 'mail_provider', name: 'Example Mail', kind: 'processor', service: 'Delivers our e-mail.', country: 'EU', transfer_mechanism: 'not_required' };
    const narrow = manifestVariant((d) => d.recipients.push({ ...provider, categories: ['contact.email'] }));
    expect((await officer.c.post('/api/privacy/manifest/publish', { yaml: narrow })).statusCode).toBe(201);
    const tooMuch = await mail(app, fay, 'quotes.issued');
    expect(tooMuch.last_error).toBe('The privacy manifest does not allow handing communications.notices to Example Mail; nothing was handed over.');

    const right = manifestVariant((d) => d.recipients.push({ ...provider, categories: ['contact.email', 'communications.notices'] }));
    expect((await officer.c.post('/api/privacy/manifest/publish', { yaml: right })).statusCode).toBe(201);
    const sent = await mail(app, fay, 'quotes.issued');
    expect(sent.sent_at).not.toBeNull();
    expect(smtp.to('fay@example.com')).toEqual(['about quotes.issued']);
    const [logged] = (await fay.c.get('/api/me/privacy')).json<{ disclosures: Array<Record<string, unknown>> }>().disclosures;
    expect(logged).toMatchObject({ kind: 'mail', recipient: 'Example Mail', categories: ['contact.email', 'communications.notices'], reference: sent.id, outsidePolicy: false });
  });

  it("hands a restricted person's messages to the provider only where the law requires it", async () => {
    const gus = await signedIn(app, 'customer', 'gus@example.com');
    expect((await gus.c.post('/api/me/restriction', {})).statusCode).toBe(200);
    expect((await mail(app, gus, 'projects.new_message')).sent_at).toBeNull();
    expect((await mail(app, gus, 'accounts.reset_password')).sent_at).not.toBeNull();
    expect(smtp.to('gus@example.com')).toEqual(['about accounts.reset_password']);
    const log = await app.db.selectFrom('disclosures').select(['kind', 'purpose']).where('subject_id', '=', gus.id).execute();
    expect(log.map((l) => l.kind)).toEqual(['mail']);
    expect(log[0]?.purpose).toBeTruthy();
  });
});
