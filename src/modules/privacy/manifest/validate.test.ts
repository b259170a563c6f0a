import { describe, expect, it } from 'vitest';
import { formatProblem, validateManifest } from './validate.js';
import { exampleManifestText, EXAMPLE_MANIFESTS } from './test-support.js';
import type { ManifestProblem } from './parse.js';

const base = exampleManifestText('004-model-preparation.yaml');

function problemsOf(text: string): ManifestProblem[] {
  const result = validateManifest(text, 'm.yaml');
  if (result.ok) throw new Error('expected problems, the manifest was valid');
  return result.problems;
}

function lineOf(text: string, needle: string, occurrence = 0): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  const hit = hits[occurrence];
  if (hit === undefined) throw new Error(`"${needle}" not in text`);
  return hit;
}

describe('validateManifest', () => {
  it.each(EXAMPLE_MANIFESTS)('accepts the example %s', (name) => {
    const result = validateManifest(exampleManifestText(name), name);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('reports every problem at once, each with its line, column and path', () => {
    const text = base
      .replace('    starts_on: event_time', '    starts_on: sometime')
      .replace('minimum_age: 18', 'minimum_age: 40\nfavourite_colour: blue')
      .replace('        base: P30D', '        extension: P30D')
      .replace('categories: [project.files, project.specifications, contact.name, contact.email]', 'categories: [project.file, contact.name, scan.body]');
    const problems = problemsOf(text);
    const byPath = (path: string) => problems.filter((p) => p.path === path);
    expect(byPath('retention[3].starts_on')[0]).toMatchObject({ line: lineOf(text, 'starts_on: sometime'), column: 16, kind: 'schema' });
    expect(byPath('retention[3].starts_on')[0]?.message).toMatch(/event_time, last_activity/);
    expect(byPath('minimum_age')[0]).toMatchObject({ line: lineOf(text, 'minimum_age: 40'), message: 'minimum_age must be between 0 and 21' });
    expect(byPath('favourite_colour')[0]).toMatchObject({ line: lineOf(text, 'favourite_colour'), column: 1 });
    expect(byPath('favourite_colour')[0]?.message).toMatch(/unknown key "favourite_colour"/);
    expect(byPath('rights.jurisdictions[0].deadline.base')[0]?.message).toMatch(/needs a base/);
    expect(byPath('purposes[0].categories[0]')[0]?.message).toMatch(/not in the taxonomy \(did you mean project\.files/);
    const scan = byPath('purposes[0].categories[2]').map((p) => p.message);
    expect(scan).toEqual(expect.arrayContaining([expect.stringMatching(/not declared/), expect.stringMatching(/special-category.*must rest on consent/)]));
    // Cross-reference problems come in the same report as the schema problems.
    expect(new Set(problems.map((p) => p.kind))).toEqual(new Set(['schema', 'semantic']));
    expect(problems.map((p) => p.line)).toEqual([...problems.map((p) => p.line)].sort((a, b) => a - b));
  });

  it('finds cross-reference problems: undeclared categories, missing retention, duplicates', () => {
    const text = base
      .replace('  - id: contact.phone\n    sources: [directly]\n', '  - id: contact.phone\n    sources: [directly]\n  - id: contact.phone\n    sources: [directly]\n  - id: licence.key\n    sources: [directly]\n')
      .replace('  - id: cloud_storage', '  - id: payment_processor')
      .replace('categories: [project.files, project.specifications, project.messages, contact.name, contact.email, billing.invoice]', 'categories: [project.files, scan.object]')
      .replace('  - name: mv_prefs', '  - name: mv_session');
    const messages = problemsOf(text).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^categories\[3\]\.id: duplicate category "contact.phone"/),
        expect.stringMatching(/^categories\[4\]\.id: category "licence.key" is declared but no purpose uses it/),
        expect.stringMatching(/^categories\[4\]\.id: category "licence.key" has no retention rule/),
        expect.stringMatching(/^recipients\[1\]\.id: duplicate recipient id "payment_processor"/),
        expect.stringMatching(/^recipients\[1\]\.categories\[1\]: recipient "payment_processor" receives category "scan.object"/),
        expect.stringMatching(/^cookies\[2\]\.name: duplicate cookie "mv_session"/),
      ]),
    );
  });

  it('reports a retention rule without a starting event and legitimate interests without the interest', () => {
    const text = base.replace('    starts_on: project_completed\n', '').replace('    legitimate_interest: Delivering better 3D printing preparation services to our clients.\n', '');
    const messages = problemsOf(text).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^retention\[0\]\.starts_on: starts_on \(the event that starts the retention clock\) is required/),
        expect.stringMatching(/^purposes\[5\]\.legal_basis: .*say which interest/),
      ]),
    );
  });

  it('flags third-party advertising cookies when the manifest claims no cross-context sharing', () => {
    const text = base.replace('cookies:\n', 'cookies:\n  - name: _ads\n    provider: AdNet\n    category: advertising\n    lifetime: P1Y\n    purpose: Ads.\n');
    expect(problemsOf(text).map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/shares_for_cross_context_advertising to true/)]));
  });

  it('reports YAML syntax errors with their line', () => {
    const text = base.replace('minimum_age: 18', 'minimum_age: [18');
    const [first] = problemsOf(text);
    expect(first?.kind).toBe('syntax');
    expect(first?.message).toMatch(/^YAML syntax/);
    expect(first?.line).toBeGreaterThanOrEqual(lineOf(text, 'minimum_age'));
  });

  it('reports a duplicate key as a problem instead of silently keeping the last one', () => {
    const text = base.replace('minimum_age: 18', 'minimum_age: 18\nminimum_age: 12');
    expect(problemsOf(text)[0]).toMatchObject({ line: lineOf(text, 'minimum_age: 12'), message: expect.stringMatching(/duplicate key "minimum_age"/) as unknown });
  });

  const hostile: [string, string][] = [
    ['an empty file', ''],
    ['only a comment', '# nothing\n'],
    ['a scalar', 'hello'],
    ['a number', '42'],
    ['a list', '- a\n- b\n'],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))],
    ['NUL bytes', '\u0000\u0001\u0002manifest_version: 1'],
    ['wrong types everywhere', 'manifest_version: "1"\noperator: []\ncategories: {}\npurposes: 3\nretention: null\nrecipients: true\nminimum_age: "eighteen"\nrights: []\n'],
    ['tabs for indentation', 'operator:\n\tname: X\n'],
    ['10k-deep flow nesting', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['10k-deep block nesting', Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
    ['10k-deep dashes', `${'- '.repeat(10_000)}x`],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n'],
    ['a huge file', `manifest_version: 1\n${'# padding padding padding padding\n'.repeat(300_000)}`],
    ['a valid manifest with huge strings', base.replace('name: Stelloloxon Pro', `name: ${'x'.repeat(10_000)}`)],
  ];

  it.each(hostile)('never crashes on %s and reports a positioned problem', (_name, text) => {
    const result = validateManifest(text, 'hostile.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(problem.file).toBe('hostile.yaml');
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
      expect(problem.message.length).toBeGreaterThan(5);
    }
  });

  it('says that an empty file is empty and a list is not a mapping', () => {
    expect(problemsOf('')[0]?.message).toMatch(/the file is empty/);
    expect(problemsOf('- a')[0]?.message).toMatch(/found a list/);
    expect(problemsOf('x'.repeat(300 * 1024))[0]?.message).toMatch(/at most 262144/);
  });
});
