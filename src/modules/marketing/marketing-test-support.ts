import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestVariant } from '../privacy/test-manifests.js';
import type { TestUser } from '../../test-support/builders.js';

/**
 * The default manifest with a consent-based marketing purpose offering two topics on e-mail, SMS,
 * phone and post, the marketing interactions it logs, and an SMS provider that may receive the phone
 * number and the message. Written to a file, as an operator's MESHVAULT_MANIFEST.
 */
export function marketingManifestPath(options: { mailProvider?: boolean } = {}): string {
  const yaml = manifestVariant((doc) => {
    doc.categories.push({ id: 'communications.marketing', sources: ['automatically'] } as { id: string }, { id: 'communications.preferences', sources: ['directly'] } as { id: string });
    doc.purposes.push({
      id: 'marketing',
      name: 'Promotional communications',
      legal_basis: 'consent',
      channels: ['email', 'sms', 'phone', 'post'],
      topics: [
        { id: 'newsletter', name: 'Newsletter' },
        { id: 'product_news', name: 'Product news' },
      ],
      categories: ['contact.name', 'contact.email', 'contact.phone', 'communications.marketing', 'communications.preferences'],
    });
    doc.retention.push({ categories: ['communications.marketing', 'communications.preferences'], duration: 'P18M', starts_on: 'event_time', end_action: 'delete' } as unknown as { categories: string[] });
    doc.recipients.push({ id: 'sms_provider', name: 'SMS gateway', kind: 'processor', service: 'Sends the text messages you asked for.', categories: ['contact.phone', 'communications.marketing'], country: 'EU', transfer_mechanism: 'not_required' });
    if (options.mailProvider) {
      doc.recipients.push({ id: 'mail_provider', name: 'Hosted mail', kind: 'processor', service: 'Delivers our e-mail.', categories: ['contact.email', 'communications.notices', 'communications.marketing'], country: 'EU', transfer_mechanism: 'not_required' });
    }
  });
  const path = join(mkdtempSync(join(tmpdir(), 'meshvault-marketing-')), 'manifest.yaml');
  writeFileSync(path, yaml);
  return path;
}

export type Choice = { purpose: string; topic: string; channel: string; optedIn: boolean };
export const choice = (topic: string, channel: string, optedIn = true): Choice => ({ purpose: 'marketing', topic, channel, optedIn });

export async function choose(user: TestUser, choices: Choice[], extra: Record<string, unknown> = {}) {
  const res = await user.c.put('/api/me/marketing', { choices, ...extra });
  if (res.statusCode !== 200) throw new Error(`preferences refused: ${res.body}`);
  return res.json<{ choices: Array<Choice & { method: string | null }>; interestBasedAds: boolean | null; history: Array<{ scope: string; decision: string; method: string }> }>();
}
