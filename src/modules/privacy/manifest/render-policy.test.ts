import { describe, expect, it } from 'vitest';
import { renderPolicy } from './render-policy.js';
import { validateManifest } from './validate.js';
import { exampleManifestText, loadExampleManifest } from './test-support.js';
import type { TManifest } from './schema.js';

const meta = { lastUpdated: '2025-01-15', version: '3' };
const SECTION_IDS = ['who-we-are', 'what-we-collect-and-how', 'why-we-use-it', 'who-receives-it', 'international-transfers', 'how-long-we-keep-it', 'cookies', 'your-rights', 'children', 'selling-and-sharing', 'changes-to-this-policy', 'contact'];

function hostileManifest(): TManifest {
  const evil = '<script>alert(1)</script> "quoted" & [link](javascript:alert(1)) | pipe';
  const text = exampleManifestText('004-model-preparation.yaml')
    .replace('name: Stelloloxon Pro', `name: '${evil}'`)
    .replace('    details: Your business address.', `    details: '${evil}'`)
    .replace('  - name: mv_prefs', "  - name: '<img src=x onerror=alert(1)>`'");
  const result = validateManifest(text, 'evil.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.manifest;
}

describe('renderPolicy', () => {
  const manifest = loadExampleManifest('004-model-preparation.yaml');

  it('renders a complete, self-contained, accessible HTML page with a table of contents', () => {
    const html = renderPolicy(manifest, { ...meta, format: 'html' });
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link|<script|src=|@import|url\(/);
    expect(html).toContain('<nav aria-label="Table of contents">');
    for (const id of SECTION_IDS) {
      expect(html).toContain(`<a href="#${id}">`);
      expect(html).toContain(`<h2 id="${id}">`);
    }
    expect(html).toContain('<th scope="col">How long</th>');
    expect(html).toMatch(/<caption>Retention periods<\/caption>/);
    expect(html).toContain('Last updated: 15 January 2025 · Version 3');
  });

  it('names the operating records a manifest does not declare, and only those', () => {
    // Seed 004 declares no account identifier, sessions or audit trail: the installation keeps them anyway.
    const html = renderPolicy(manifest, { ...meta, format: 'html' });
    expect(html).toContain('<caption>Records kept to run your account</caption>');
    for (const label of ['Account identifier', 'Sign-in sessions', 'Audit trail', 'Consent records']) expect(html).toContain(`<strong>${label}</strong>`);
    const seed002 = renderPolicy(loadExampleManifest('002-b2b-products.yaml'), { ...meta, format: 'md' });
    const start = seed002.indexOf('Records kept to run your account');
    const records = seed002.slice(start, seed002.indexOf('\n## ', start));
    expect(records).toContain('Audit trail');
    expect(records).not.toContain('Consent records');
  });

  it('renders Markdown with the same sections in the same order', () => {
    const md = renderPolicy(manifest, { ...meta, format: 'md' });
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings[0]).toBe('Contents');
    const anchors = [...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
    expect(anchors.filter((a) => a !== 'how-we-protect-it')).toEqual(SECTION_IDS);
    expect(md).toContain('| Project files, Project specifications, Project messages and Support messages. Project files and communications are kept for support purposes. | 3 years | after the project is completed | Then deleted. |');
  });

  it('escapes manifest strings in HTML so they cannot inject markup or scripts', () => {
    const html = renderPolicy(hostileManifest(), { ...meta, format: 'html' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('escapes manifest strings in Markdown so they cannot add links, HTML or table cells', () => {
    const md = renderPolicy(hostileManifest(), { ...meta, format: 'md' });
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\| pipe');
    // Inside a code span the text is literal; a backtick in it would end the span, so it is replaced.
    expect(md).toContain("`<img src=x onerror=alert(1)>'`");
  });

  it('renders JSON as the normalised manifest plus metadata', () => {
    const json = JSON.parse(renderPolicy(manifest, { ...meta, format: 'json' })) as {
      meta: { version: string; lastUpdated: string };
      manifest: { retention: { duration: { years: number; iso: string } }[]; minimum_age: number };
      taxonomy: Record<string, { special: boolean }>;
    };
    expect(json.meta).toMatchObject({ version: '3', lastUpdated: '2025-01-15' });
    expect(json.manifest.retention[0]?.duration).toEqual({ years: 3, months: 0, days: 0, iso: 'P3Y' });
    expect(json.manifest.minimum_age).toBe(18);
    expect(json.taxonomy['project.files']).toMatchObject({ special: false });
  });

  it('describes GDPR and CCPA deadlines in words that keep calendar months distinct', () => {
    const md = renderPolicy(loadExampleManifest('000-configurator.yaml'), { ...meta, format: 'md' });
    expect(md).toContain('within one calendar month, extendable by two further months of receiving your request');
    expect(md).toContain('within 45 days, extendable by a further 45 days of receiving your request');
  });

  it('states a retention rule\'s legal minimum and the law that sets it', () => {
    const text = exampleManifestText('004-model-preparation.yaml').replace(
      '    reason: Required by accounting and tax regulations.\n',
      '    reason: Required by accounting and tax regulations.\n    legal_minimum:\n      duration: P6Y\n      law: the Internal Revenue Code\n',
    );
    const result = validateManifest(text, 'm.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const md = renderPolicy(result.manifest, { ...meta, format: 'md' });
    expect(md).toContain('Required by accounting and tax regulations. The Internal Revenue Code requires us to keep it at least 6 years. |');
  });
});
