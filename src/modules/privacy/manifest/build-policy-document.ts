import { formatPolicyDate, type PolicyDocument, type PolicyMeta } from './policy-document.js';
import { buildPolicySections } from './policy-sections.js';
import type { TManifest } from './schema.js';

export function buildPolicyDocument(manifest: TManifest, meta: PolicyMeta): PolicyDocument {
  return {
    title: `Privacy policy of ${manifest.operator.name}`,
    language: manifest.language ?? 'en',
    lastUpdated: formatPolicyDate(meta.lastUpdated),
    version: meta.version,
    sections: buildPolicySections(manifest),
  };
}
