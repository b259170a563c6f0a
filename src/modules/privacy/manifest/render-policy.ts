import { TAXONOMY } from './taxonomy.js';
import { buildPolicyDocument } from './build-policy-document.js';
import type { PolicyMeta } from './policy-document.js';
import { formatIsoDuration, type Duration } from './durations.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import type { TManifest } from './schema.js';

export type PolicyFormat = 'html' | 'md' | 'json';

export interface RenderPolicyOptions extends PolicyMeta {
  readonly format: PolicyFormat;
}

function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value).sort().join(',');
  return keys === 'days,months,years';
}

/** Durations carry their ISO form next to their parts, so JSON readers need not recompute either. */
function normalise(value: unknown): unknown {
  if (isDuration(value)) return { ...value, iso: formatIsoDuration(value) };
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalise(inner)]));
  }
  return value;
}

export function renderPolicyJson(manifest: TManifest, meta: PolicyMeta): string {
  const taxonomy = Object.fromEntries(manifest.categories.map((c) => [c.id, TAXONOMY[c.id]]));
  const lastUpdated = typeof meta.lastUpdated === 'string' ? meta.lastUpdated : meta.lastUpdated.toISOString().slice(0, 10);
  return `${JSON.stringify({ meta: { format: 'meshvault-privacy-manifest', version: meta.version, lastUpdated }, manifest: normalise(manifest), taxonomy }, null, 2)}\n`;
}

/** The human-readable policy (HTML or Markdown) or the normalised manifest (JSON) for one version. */
export function renderPolicy(manifest: TManifest, options: RenderPolicyOptions): string {
  switch (options.format) {
    case 'html':
      return renderHtml(buildPolicyDocument(manifest, options));
    case 'md':
      return renderMarkdown(buildPolicyDocument(manifest, options));
    case 'json':
      return renderPolicyJson(manifest, options);
  }
}
