import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TManifest } from './schema.js';
import { formatProblem, validateManifest } from './validate.js';

/** Reads and validates one of examples/manifests; only tests import this. */
export function exampleManifestText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../examples/manifests/${name}`, import.meta.url)), 'utf8');
}

export function loadExampleManifest(name: string): TManifest {
  const result = validateManifest(exampleManifestText(name), name);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.manifest;
}

export const EXAMPLE_MANIFESTS = [
  '000-configurator.yaml',
  '001-scanning-printing.yaml',
  '002-b2b-products.yaml',
  '003-desktop-software.yaml',
  '004-model-preparation.yaml',
] as const;
