import { randomUUID } from 'node:crypto';
import { parse } from 'yaml';
import { manifestVariant } from '../modules/privacy/test-manifests.js';
import type { TestApp } from './test-app.js';

/**
 * The bundled default manifest without `categories` (everywhere they are mentioned), as YAML. Built
 * here rather than with privacy's `withoutCategory` so several go at once.
 */
export function defaultWithout(...categories: string[]): string {
  const gone = new Set(categories);
  return manifestVariant((doc) => {
    doc.categories = doc.categories.filter((c) => !gone.has(c.id));
    for (const list of [doc.purposes, doc.retention, doc.cookies]) for (const item of list) if (item.categories) item.categories = item.categories.filter((c) => !gone.has(c));
    doc.purposes = doc.purposes.filter((p) => p.categories.length > 0);
    doc.retention = doc.retention.filter((r) => r.categories.length > 0);
    for (const r of doc.recipients) if (Array.isArray(r.categories)) r.categories = (r.categories).filter((c) => !gone.has(c));
  });
}

/**
 * Puts `yaml` in force at once as the next version, as if published elsewhere: it bypasses the
 * publish checks (a policy may omit what the code could store; the modules then neither ask nor store it).
 */
export async function putPolicyInForce(app: TestApp, yaml: string): Promise<number> {
  parse(yaml);
  const latest = await app.db.selectFrom('manifest_versions').select('version').orderBy('version', 'desc').executeTakeFirst();
  const version = (latest?.version ?? (await app.services.policy.current()).version) + 1;
  const now = app.clock.now();
  await app.db
    .insertInto('manifest_versions')
    .values({
      id: randomUUID(),
      version,
      yaml,
      published_at: now,
      effective_at: now,
      published_by: null,
      change_level: 'minor',
      summary: 'Test policy.',
      diff: JSON.stringify({ sentences: [], reasons: [], consentPurposes: [] }),
    })
    .execute();
  app.services.policy.invalidate();
  return version;
}
