import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COOKIE_CATEGORIES, END_ACTIONS, LEGAL_BASES, manifestJsonSchema, REQUEST_METHODS, RETENTION_EVENTS, RIGHTS, TRANSFER_MECHANISMS } from './schema.js';
import { formatProblem, validateManifest } from './validate.js';
import { TAXONOMY } from './taxonomy.js';
import { LAW_IDS } from './law-deadlines.js';

describe('manifestJsonSchema', () => {
  const schema = manifestJsonSchema() as {
    $schema: string;
    title: string;
    additionalProperties: boolean;
    required: string[];
    properties: Record<string, unknown>;
  };

  it('is a strict JSON Schema of the YAML input', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('Meshvault privacy manifest');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['manifest_version', 'operator', 'categories', 'purposes', 'retention', 'minimum_age', 'rights']));
    const text = JSON.stringify(schema);
    expect(text).toContain('"minimum":0');
    expect(text).toContain('"maximum":21');
    // The taxonomy is enumerated, so editors can complete category names.
    for (const id of Object.keys(TAXONOMY)) expect(text).toContain(`"${id}"`);
  });
});

describe('taxonomy', () => {
  it('labels every category and flags scans of people as special', () => {
    for (const [id, entry] of Object.entries(TAXONOMY)) {
      expect(id).toMatch(/^[a-z]+(\.[a-z_]+)?$/);
      expect(entry.label.length).toBeGreaterThan(2);
      expect(entry.description.endsWith('.')).toBe(true);
    }
    expect(TAXONOMY['scan.body'].special).toBe(true);
    expect(Object.values(TAXONOMY).filter((e) => e.special)).toHaveLength(1);
  });
});

describe('docs/manifest-reference.md', () => {
  const docs = readFileSync(fileURLToPath(new URL('../../../../docs/manifest-reference.md', import.meta.url)), 'utf8');

  it('lists every taxonomy category and every enumerated value', () => {
    for (const id of Object.keys(TAXONOMY)) expect(docs).toContain(`| \`${id}\` |`);
    for (const value of [...LEGAL_BASES, ...RETENTION_EVENTS, ...END_ACTIONS, ...RIGHTS, ...TRANSFER_MECHANISMS, ...COOKIE_CATEGORIES, ...REQUEST_METHODS, ...LAW_IDS]) {
      expect(docs).toContain(`\`${value}\``);
    }
  });

  it('shows an example that is a valid manifest', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
    const result = validateManifest(example, 'docs-example.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });
});
