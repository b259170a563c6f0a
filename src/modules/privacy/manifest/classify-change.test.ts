import { describe, expect, it } from 'vitest';
import { classifyChange } from './classify-change.js';
import { describeDiff } from './describe-diff.js';
import { diffManifests, isEmptyDiff } from './diff.js';
import { parseIsoDuration } from './durations.js';
import type { TManifest } from './schema.js';
import { loadExampleManifest } from './test-support.js';

const base = loadExampleManifest('004-model-preparation.yaml');
const d = (iso: string) => parseIsoDuration(iso) ?? { years: 0, months: 0, days: 0 };

function edit(change: (m: TManifest) => void): TManifest {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

function classify(change: (m: TManifest) => void) {
  const diff = diffManifests(base, edit(change));
  return { diff, ...classifyChange(diff), words: describeDiff(diff) };
}

describe('diffManifests and classifyChange', () => {
  it('finds no change between a manifest and itself', () => {
    const diff = diffManifests(base, structuredClone(base));
    expect(isEmptyDiff(diff)).toBe(true);
    expect(classifyChange(diff)).toEqual({ level: 'minor', reasons: [], consentPurposes: [] });
    expect(describeDiff(diff)).toEqual(['No change.']);
  });

  it('treats P24M and P2Y as the same retention', () => {
    const result = classify((m) => {
      const rule = m.retention[3];
      if (rule) rule.duration = d('P2Y');
    });
    expect(result.diff.retention.changed.map((c) => c.lengthened)).toEqual([false, false, false, false]);
    expect(result.level).toBe('minor');
  });

  it.each([
    ['a lengthened retention', (m: TManifest) => void (m.retention[0] && (m.retention[0].duration = d('P37M'))), /keeps project.files longer: 37 months instead of 3 years/],
    ['days replaced by a month that can be longer', (m: TManifest) => {
      const j = m.rights.jurisdictions[0];
      if (j) j.deadline = { base: d('P1M') };
    }, /answers requests from .* more slowly/],
    ['a lowered minimum age', (m: TManifest) => void (m.minimum_age = 16), /lowers the minimum age from 18 to 16/],
    ['a new category', (m: TManifest) => void m.categories.push({ id: 'scan.object', sources: ['directly'] }), /new category of data: scan.object/],
    ['a new processor', (m: TManifest) => void m.recipients.push({ id: 'crm', name: 'CRM Inc', kind: 'processor', service: 'CRM', categories: ['contact.email'], country: 'US', transfer_mechanism: 'not_required' }), /new recipient: CRM Inc/],
    ['a widened contract purpose', (m: TManifest) => void m.purposes[0]?.categories.push('contact.phone'), /"Prepare your 3D models" now also uses contact.phone/],
    ['selling starts', (m: TManifest) => void (m.sale_and_sharing.sells_personal_data = true), /starts selling personal data/],
    ['a right removed', (m: TManifest) => void m.rights.jurisdictions[0]?.rights.pop(), /removes rights for .*opt_out_marketing/],
  ])('classifies %s as significant', (_name, change, reason) => {
    const result = classify(change);
    expect(result.level).toBe('significant');
    expect(result.reasons).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
    expect(result.consentPurposes).toEqual([]);
  });

  it.each([
    ['a shortened retention', (m: TManifest) => void (m.retention[0] && (m.retention[0].duration = d('P2Y')))],
    ['a raised minimum age', (m: TManifest) => void (m.minimum_age = 21)],
    ['a removed processor', (m: TManifest) => void m.recipients.pop()],
    ['a faster answer', (m: TManifest) => void (m.rights.jurisdictions[0] && (m.rights.jurisdictions[0].deadline = { base: d('P20D') }))],
    ['a reworded purpose', (m: TManifest) => void (m.purposes[0] && (m.purposes[0].description = 'Other words.'))],
  ])('classifies %s as minor', (_name, change) => {
    expect(classify(change).level).toBe('minor');
  });

  it('compares a calendar month with days by its upper bound', () => {
    const gdpr = loadExampleManifest('000-configurator.yaml');
    const withDeadline = (iso: string) => {
      const copy = structuredClone(gdpr);
      const j = copy.rights.jurisdictions[0];
      if (j) j.deadline = { base: d(iso), extension: d('P2M') };
      return classifyChange(diffManifests(gdpr, copy)).level;
    };
    expect(withDeadline('P31D')).toBe('minor');
    expect(withDeadline('P30D')).toBe('minor');
    expect(withDeadline('P32D')).toBe('significant');
  });

  it('returns consent purposes that are new or widened, to ask consent again', () => {
    const result = classify((m) => {
      m.purposes.find((p) => p.id === 'website_analytics')?.categories.push('usage.preferences');
      m.purposes.push({ id: 'newsletter', name: 'Newsletter', legal_basis: 'consent', categories: ['contact.email'], channels: ['email'] });
      m.purposes.push({ id: 'fraud', name: 'Fraud checks', legal_basis: 'legitimate_interests', legitimate_interest: 'Safety', categories: ['technical.device'] });
    });
    expect(result.level).toBe('significant');
    expect(result.consentPurposes.sort()).toEqual(['newsletter', 'website_analytics']);
    expect(result.words).toEqual(expect.arrayContaining(['Added the purpose "Newsletter".', 'Changed the purpose "Website analytics".']));
  });

  it.each([
    ['consent', 'cookieless'],
    ['cookieless', 'consent'],
  ] as const)('classifies a change of the analytics mode (%s to %s) as significant, asking the analytics purposes again', (before, after) => {
    const from = edit((m) => void (m.analytics = before));
    const to = edit((m) => void (m.analytics = after));
    const diff = diffManifests(from, to);
    expect(isEmptyDiff(diff)).toBe(false);
    const result = classifyChange(diff);
    expect(result.level).toBe('significant');
    expect(result.reasons).toEqual([expect.stringMatching(/^counts visits .* instead of /)]);
    expect(result.consentPurposes).toEqual(['website_analytics']);
    expect(describeDiff(diff)).toEqual([expect.stringMatching(/^Visits are now counted /)]);
  });

  it('treats a left-out analytics mode as the default, consent', () => {
    const result = classifyChange(diffManifests(base, edit((m) => void (m.analytics = 'consent'))));
    expect(result).toEqual({ level: 'minor', reasons: [], consentPurposes: [] });
  });

  it('describes retention and age changes in plain words', () => {
    const { words } = classify((m) => {
      if (m.retention[2]) m.retention[2].duration = d('P10Y');
      m.minimum_age = 16;
    });
    expect(words).toEqual(
      expect.arrayContaining([
        'Retention of "billing.invoice" changed from 7 years after the end of the financial year it belongs to to 10 years after the end of the financial year it belongs to.',
        'The minimum age changed from 18 to 16.',
      ]),
    );
  });
});
