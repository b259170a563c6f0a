/**
 * Every kind of message leaves with its own template's text and HTML parts, from the operator's name
 * at the configured address, dated, with a Message-ID, marked automatic, its links to web pages. The
 * relay is a real SMTP server whose messages are parsed as a mail client reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, TEST_PASSWORD, type TestUser } from '../../test-support/builders.js';
import { startParsingSmtpCatcher, type CaughtMail } from '../../test-support/smtp-catcher.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startParsingSmtpCatcher>>;
let ada: TestUser;

beforeAll(async () => {
  smtp = await startParsingSmtpCatcher();
  app = await createTestApp({ MESHVAULT_SMTP_URL: smtp.url, MESHVAULT_MAIL_FROM: 'hello@shop.example', MESHVAULT_PUBLIC_URL: 'https://shop.example' });
  ada = await signedIn(app, 'customer', 'ada@example.com');
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

function expectReadable(caught: CaughtMail) {
  const mail = caught.parsed;
  expect(mail.from?.value).toEqual([{ name: 'Meshvault operator', address: 'hello@shop.example' }]);
  expect(mail.date).toBeInstanceOf(Date);
  expect(mail.messageId).toMatch(/^<.+@.+>$/);
  expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  expect(mail.text?.trim()).toBeTruthy();
  expect(mail.html).toContain('Meshvault operator');
  const links = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  // Each link of the HTML part is in the text part too, and opens a page of the web app, not the API.
  for (const link of links) {
    expect(link.startsWith('https://shop.example/')).toBe(true);
    expect(link).not.toContain('/api/');
    expect(mail.text).toContain(link);
  }
  return { mail, links };
}

describe('mail from templates', () => {
  it('sends the password reset link as a button and as text, from the operator, marked automatic', async () => {
    expect((await app.http.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: ada.email } })).statusCode).toBeLessThan(300);
    await expect.poll(() => smtp.to(ada.email).filter((m) => m.parsed.subject === 'Reset your password').length).toBe(1);
    const { mail, links } = expectReadable(smtp.to(ada.email).find((m) => m.parsed.subject === 'Reset your password')!);
    expect(links.length).toBeGreaterThan(0);
    expect(mail.html).toMatch(/>Choose a new password<\/a>/);
    expect(mail.text).toMatch(/^Hello Person ada,\n\nSomeone \(hopefully you\) asked to reset your password/);
  });

  it('tells the person when their password changed, in both parts', async () => {
    expect((await ada.c.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'another long password' })).statusCode).toBe(200);
    await expect.poll(() => smtp.to(ada.email).filter((m) => m.parsed.subject === 'Your password was changed').length).toBe(1);
    const { mail } = expectReadable(smtp.to(ada.email).find((m) => m.parsed.subject === 'Your password was changed')!);
    expect(mail.text).toContain('Your password was changed at');
    expect(mail.html).toContain('Your password was changed at');
  });
});
