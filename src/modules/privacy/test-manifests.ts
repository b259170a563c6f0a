import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** The bundled default manifest (version 1 of every new installation); only tests import this. */
export function defaultManifestText(): string {
  return readFileSync(fileURLToPath(new URL('../../../manifests/default.yaml', import.meta.url)), 'utf8');
}

type Doc = Record<string, unknown> & {
  categories: Array<{ id: string }>;
  purposes: Array<Record<string, unknown> & { id: string; categories: string[] }>;
  retention: Array<{ categories: string[] }>;
  recipients: Array<Record<string, unknown> & { categories: string[] }>;
  cookies: Array<{ categories?: string[] }>;
  minimum_age: number;
};

/** The default manifest changed by `change`, as YAML text. */
export function manifestVariant(change: (doc: Doc) => void): string {
  const doc = parse(defaultManifestText()) as Doc;
  change(doc);
  return stringify(doc);
}

/** The default manifest without one category, everywhere it is mentioned. */
export function withoutCategory(category: string): string {
  return manifestVariant((doc) => {
    doc.categories = doc.categories.filter((c) => c.id !== category);
    for (const list of [doc.purposes, doc.retention, doc.cookies, doc.recipients]) for (const item of list) if (item.categories) item.categories = item.categories.filter((c) => c !== category);
    doc.purposes = doc.purposes.filter((p) => p.categories.length > 0);
    doc.retention = doc.retention.filter((r) => r.categories.length > 0);
    doc.recipients = doc.recipients.filter((r) => r.categories.length > 0);
  });
}
