import { describe, expect, it } from 'vitest';
import { mailTemplate, mailTemplateKinds } from './mail-template.js';

describe('mail templates', () => {
  const sample = mailTemplate('test.sample', (name: string, link: string) => ({
    subject: `For ${name}`,
    greeting: `Hello ${name},`,
    blocks: ['First <paragraph>.\nSecond line.', { action: 'Open the page', url: link }],
    footer: ['Why you get this.'],
  }));

  it('renders the text and the HTML body of a kind from the same content, escaped, with its call to action as a button', () => {
    const mail = sample('Ada & co', 'https://shop.example/orders/1?a=1&b=2');
    expect(mail.kind).toBe('test.sample');
    expect(mail.subject).toBe('For Ada & co');
    expect(mail.text).toBe('Hello Ada & co,\n\nFirst <paragraph>.\nSecond line.\n\nOpen the page:\nhttps://shop.example/orders/1?a=1&b=2\n\n--\n\nWhy you get this.');
    expect(mail.html).toContain('<p>Hello Ada &amp; co,</p>');
    expect(mail.html).toContain('<p>First &lt;paragraph&gt;.<br>\nSecond line.</p>');
    expect(mail.html).toMatch(/<a href="https:\/\/shop\.example\/orders\/1\?a=1&amp;b=2"[^>]*>Open the page<\/a>/);
    expect(mail.html).toContain('Why you get this.');
    expect(mail.html).not.toContain('<paragraph>');
  });

  it('allows one template per kind, and lists the kinds defined', () => {
    expect(() => mailTemplate('test.sample', () => ({ subject: 'again', blocks: [] }))).toThrow(/one template per kind/);
    expect(mailTemplateKinds()).toContain('test.sample');
  });
});
