import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateManifest, type TManifest } from '../privacy/index.js';
import { manifestVariant } from '../privacy/test-manifests.js';
import { marketingOffer } from './marketing-offer.js';

const problems = (v: ReturnType<typeof validateManifest>) => (v.ok ? [] : v.problems.map((p) => p.message));
const seed = (name: string) => readFileSync(fileURLToPath(new URL(`../../../examples/manifests/${name}.yaml`, import.meta.url)), 'utf8');

function withMarketing(purpose: Record<string, unknown>) {
  return manifestVariant((doc) => {
    doc.purposes.push({ id: 'marketing', name: 'News', legal_basis: 'consent', categories: ['contact.email'], ...purpose });
  });
}

describe('marketing topics in the manifest', () => {
  it('derives one topic per purpose when the manifest names none (seed 002: every channel, opt-in)', () => {
    const offer = marketingOffer(parse(seed('002-b2b-products')) as TManifest);
    expect(offer).toEqual([{ id: 'marketing', name: 'Promotional communications', optIn: true, channels: ['email', 'sms', 'phone', 'post'], topics: [expect.objectContaining({ id: 'marketing', name: 'Promotional communications' })] }]);
    expect(marketingOffer(parse(seed('000-configurator')) as TManifest).map((p) => [p.id, p.channels])).toEqual([['marketing', ['email']]]);
  });

  it('accepts named topics and refuses topics without channels or with duplicate ids', () => {
    expect(validateManifest(withMarketing({ channels: ['email'], topics: [{ id: 'newsletter', name: 'Newsletter' }, { id: 'events', name: 'Events' }] }), 'm.yaml').ok).toBe(true);
    const noChannels = validateManifest(withMarketing({ topics: [{ id: 'newsletter', name: 'Newsletter' }] }), 'm.yaml');
    expect(problems(noChannels)).toEqual([expect.stringContaining('names topics but no channels')]);
    const twice = validateManifest(withMarketing({ channels: ['email'], topics: [{ id: 'news', name: 'A' }, { id: 'news', name: 'B' }] }), 'm.yaml');
    expect(problems(twice)).toEqual([expect.stringContaining('duplicate topic id "news"')]);
    const misspelt = validateManifest(withMarketing({ channels: ['email'], topics: [{ id: 'news', name: 'A', colour: 'red' }] }), 'm.yaml');
    expect(misspelt.ok).toBe(false);
  });
});
