/**
 * With a hosted mail provider as a recipient (MESHVAULT_MAIL_RECIPIENT), a campaign's mail is
 * released by the campaign audience's own check — the person's choice for that topic and channel —
 * and handed over for the marketing purpose; a message for a topic the person never chose stays unsent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/unit-of-work/index.js';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { startParsingSmtpCatcher } from '../../test-support/smtp-catcher.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { campaignMail } from './campaign-mail.js';
import { choice, choose, marketingManifestPath } from './marketing-test-support.js';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startParsingSmtpCatcher>>;
let staff: TestUser;
let ann: TestUser;
let bob: TestUser;

beforeAll(async () => {
  smtp = await startParsingSmtpCatcher();
  app = await createTestApp({
    MESHVAULT_MANIFEST: marketingManifestPath({ mailProvider: true }),
    MESHVAULT_SMTP_URL: smtp.url,
    MESHVAULT_MAIL_RECIPIENT: 'mail_provider',
    MESHVAULT_PUBLIC_URL: 'https://shop.example',
    MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: '0',
  });
  await app.startJobs();
  staff = await signedIn(app, 'marketing', 'marketer@shop.example');
  ann = await signedIn(app, 'customer', 'ann@example.com');
  bob = await signedIn(app, 'customer', 'bob@example.com');
  await choose(ann, [choice('newsletter', 'email')]);
  await choose(bob, [choice('product_news', 'email')]);
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

describe('campaign mail through a hosted mail provider', () => {
  it('releases a campaign to the people opted in to its topic, and logs the hand-over for the marketing purpose', async () => {
    const created = await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: 'Provider newsletter', bodyMarkdown: 'Hello.' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await staff.c.post(`/api/marketing/campaigns/${created.json<{ id: string }>().id}/send`)).statusCode).toBe(202);
    expect((await app.jobs.drain()).failed).toEqual([]);
    await expect.poll(() => smtp.messages.filter((m) => m.parsed.subject === 'Provider newsletter').map((m) => m.to)).toEqual([['ann@example.com']]);
    const [row] = await app.services.mail.list({ limit: 1, to: ann.email });
    expect(row).toMatchObject({ kind: 'marketing.campaign', last_error: null });
    expect(row!.sent_at).toBeInstanceOf(Date);
    const logged = await app.db.selectFrom('disclosures').select(['kind', 'purpose', 'categories']).where('subject_id', '=', ann.id).where('reference', '=', row!.id).execute();
    expect(logged).toEqual([{ kind: 'mail', purpose: 'marketing', categories: ['contact.email', 'communications.marketing'] }]);
  });

  it('holds a campaign message for a topic the person did not choose, with the reason, and hands nothing over', async () => {
    await app.uow.run({ actor: SYSTEM_ACTOR }, async (work) =>
      work.mail(
        campaignMail(
          { links: { sign: () => 'sig', verify: () => false }, publicUrl: 'https://shop.example', unsubscribeAddress: 'unsubscribe@shop.example' },
          { to: bob.email, operatorName: 'Shop', content: { subject: 'Not for bob', bodyMarkdown: 'Hi', topicName: 'Newsletter' }, scope: { userId: bob.id, purpose: 'marketing', topic: 'newsletter', channel: 'email' } },
        ),
      ),
    );
    await expect.poll(async () => (await app.services.mail.list({ limit: 1, to: bob.email }))[0]?.last_error).toMatch(/not opted in to "newsletter" by email/);
    expect(smtp.messages.filter((m) => m.parsed.subject === 'Not for bob')).toEqual([]);
    expect(await app.db.selectFrom('disclosures').select('id').where('subject_id', '=', bob.id).where('kind', '=', 'mail').execute()).toEqual([]);
  });
});
