/**
 * Temporary bridge until the privacy module publishes manifests: policy values are read from the
 * bundled default manifest, so no policy value is a literal in code even now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from './app-paths.js';

export type PolicySource = { minimumAge(): Promise<number> };

export function createPolicySource(): PolicySource {
  let cached: number | undefined;
  return {
    minimumAge: async () => {
      if (cached === undefined) {
        const doc = parse(readFileSync(join(projectRoot(), 'manifests', 'default.yaml'), 'utf8')) as { minimum_age?: number };
        if (typeof doc.minimum_age !== 'number') throw new Error('manifests/default.yaml declares no minimum_age');
        cached = doc.minimum_age;
      }
      return cached;
    },
  };
}
