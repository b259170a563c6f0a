/**
 * The List-Unsubscribe mailto is processed: a real mail (nodemailer over SMTP) to the inbound
 * listener's unsubscribe address, its subject holding the signed token, unsubscribes that person from
 * that topic and channel; a forged or altered token, or none, changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestUser } from '../../test-support/builders.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { sendMailToListener, SUPPORT_TEST_ENV } from '../support/support-test-support.js';
import { choice, choose, marketingManifestPath } from './marketing-test-support.js';

let app: TestApp;
let staff: TestUser;

beforeAll(async () => {
  app = await createTestApp({ ...SUPPORT_TEST_ENV, MESHVAULT_MANIFEST: marketingManifestPath(), MESHVAULT_PUBLIC_URL: 'https://shop.example', MESHVAULT_MARKETING_BATCH_PAUSE_SECONDS: '0' });
  await app.startJobs();
  staff = await signedIn(app, 'marketing');
}, 120_000);

afterAll(async () => app?.dispose());

/** Sends a newsletter campaign and answers the mailto of the List-Unsubscribe header of the message to `user`. */
async function mailtoOf(user: TestUser) {
  const created = await staff.c.post('/api/marketing/campaigns', { purpose: 'marketing', topic: 'newsletter', channel: 'email', subject: `For ${user.email}`, bodyMarkdown: 'News.' });
  await staff.c.post(`/api/marketing/campaigns/${created.json<{ id: string }>().id}/send`);
  await app.jobs.drain();
  const [row] = await app.db.selectFrom('mail_outbox').select(['headers']).where('to_address', '=', user.email).where('kind', '=', 'marketing.campaign').orderBy('created_at', 'desc').execute();
  const mailto = new URL(/<(mailto:[^>]+)>/.exec(row!.headers!['List-Unsubscribe']!)![1]!);
  return { to: decodeURIComponent(mailto.pathname), subject: mailto.searchParams.get('subject')! };
}

const newsletterByMail = async (user: TestUser) =>
  (await user.c.get('/api/me/marketing')).json<{ choices: Array<{ topic: string; channel: string; optedIn: boolean; method: string | null }> }>().choices.find((c) => c.topic === 'newsletter' && c.channel === 'email')!;

describe('unsubscribing by mail (List-Unsubscribe mailto)', () => {
  it('unsubscribes the person the signed token names when a mail client writes to the address', async () => {
    const ann = await signedIn(app, 'customer', 'ann@example.com');
    await choose(ann, [choice('newsletter', 'email'), choice('product_news', 'email')]);
    const mailto = await mailtoOf(ann);
    expect(mailto.to).toBe('unsubscribe@meshvault.test');
    expect(mailto.subject).toMatch(/^unsubscribe [\w-]+\.[\w-]+\.[\w-]+$/);

    // Sent from another address than the one written to: the token, not the sender, is the authority.
    await sendMailToListener(app, { from: 'Ann <ann.private@example.org>', to: mailto.to, subject: mailto.subject, text: 'This message will unsubscribe you.' });
    expect(await newsletterByMail(ann)).toMatchObject({ optedIn: false, method: 'unsubscribe' });
    // Only that topic and channel.
    const choices = (await ann.c.get('/api/me/marketing')).json<{ choices: Array<{ topic: string; channel: string; optedIn: boolean }> }>().choices;
    expect(choices.find((c) => c.topic === 'product_news' && c.channel === 'email')!.optedIn).toBe(true);
  });

  it('does nothing for a forged, altered or missing token, and takes the mail without bouncing it', async () => {
    const bob = await signedIn(app, 'customer', 'bob@example.com');
    const cat = await signedIn(app, 'customer', 'cat@example.com');
    await choose(bob, [choice('newsletter', 'email')]);
    await choose(cat, [choice('newsletter', 'email')]);
    const bobs = await mailtoOf(bob);
    const catsToken = (await mailtoOf(cat)).subject.split(' ')[1]!;
    const [person, target, signature] = catsToken.split('.');
    const bobsPerson = bobs.subject.split(' ')[1]!.split('.')[0]!;
    const forged = [
      `unsubscribe ${bobsPerson}.${target}.${signature}`, // cat's signature turned to bob
      `unsubscribe ${person}.${target}.${signature!.slice(0, -2)}AA`, // altered signature
      'unsubscribe me please',
      'Stop',
    ];
    for (const subject of forged) {
      const sent = await sendMailToListener(app, { from: 'someone@example.org', to: bobs.to, subject, text: 'Unsubscribe' });
      expect(sent.accepted).toEqual([bobs.to]);
    }
    expect((await newsletterByMail(bob)).optedIn).toBe(true);
    expect((await newsletterByMail(cat)).optedIn).toBe(true);
  });

  it('refuses mail for other addresses of the domain, as a mail server with no such mailbox does', async () => {
    await expect(sendMailToListener(app, { from: 'someone@example.org', to: 'unsubscribe-all@meshvault.test', subject: 'unsubscribe x.y.z' })).rejects.toThrow(/550|No such mailbox/);
  });
});
