import { describe, expect, it } from 'vitest';
import { mailTemplateKinds } from '../../platform/mail/index.js';
import { hasMailGround } from './mail-grounds.js';

describe('mail grounds', () => {
  it('lists every kind of e-mail the modules send, so none is held as marketing by mistake', async () => {
    // The app loads every module, and with them every mail template: one per kind the code sends.
    await import('../../app.js');
    // Test files share a worker's modules, so kinds a test defines (test.*) may be listed too: not the modules'.
    const kinds = mailTemplateKinds().filter((kind) => !kind.startsWith('test.'));
    expect(kinds.length).toBeGreaterThan(30);
    expect(kinds.filter((k) => !hasMailGround(k))).toEqual([]);
  });
});
