import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/index.js';
import { policyValues } from './policy-values.js';
import { loadExampleManifest } from './test-support.js';

describe('policyValues', () => {
  const values = policyValues(loadExampleManifest('004-model-preparation.yaml'));

  it('reads the values the rest of the code needs from the manifest', () => {
    expect(values.minimumAge).toBe(18);
    expect(values.retentionFor('project.files')).toMatchObject({ duration: { years: 3, months: 0, days: 0 }, starts_on: 'project_completed', end_action: 'delete' });
    expect(values.retentionFor('usage.clickstream').duration).toEqual({ years: 0, months: 24, days: 0 });
    expect(values.deadlineFor('everyone')).toEqual({ base: { years: 0, months: 0, days: 30 } });
    expect(values.dueDate('everyone', '2025-01-15')).toBe('2025-02-14');
    expect(values.recipientsOf('billing.transaction').map((r) => r.id)).toEqual(['payment_processor', 'authorities']);
    expect(values.recipientsOf('usage.clickstream')).toEqual([]);
    expect(values.consentPurposes().map((p) => p.id)).toEqual(['website_analytics']);
    expect(values.purposesUsing('project.files').map((p) => p.id)).toEqual(['model_preparation', 'project_records']);
    expect(values.cookieCategories()).toEqual(['essential', 'functional', 'analytics']);
    expect(values.sellsOrShares()).toBe(false);
    expect(values.honoursGpc()).toBe(true);
    expect(values.isDeclared('scan.body')).toBe(false);
  });

  it('answers not_found, with what exists, for values the manifest does not declare', () => {
    expect(() => values.retentionFor('scan.body')).toThrow(AppError);
    expect(() => values.deadlineFor('california')).toThrow(/no jurisdiction "california" \(it has: everyone\)/);
  });

  it('reads the minimum ages the seeds promise', () => {
    expect(policyValues(loadExampleManifest('000-configurator.yaml')).minimumAge).toBe(18);
    expect(policyValues(loadExampleManifest('001-scanning-printing.yaml')).minimumAge).toBe(13);
  });
});
