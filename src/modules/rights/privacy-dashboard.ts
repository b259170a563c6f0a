import type { Kysely } from 'kysely';
import type { Principal } from '../../platform/http/index.js';
import { actorOf } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import { disclosuresOf, restrictionsOf } from '../egress/index.js';
import { listExportsOf } from '../data-export/index.js';
import { describeCategory, isCategoryId } from '../privacy/index.js';
import { listRequestsOf } from '../rights-requests/index.js';
import {
  countPersonRows,
  describeRetention,
  exportColumns,
  readForeignKeys,
  readPersonRows,
  readPrimaryKeys,
  retentionRule,
  subjectScopes,
  valueText,
  type TableScope,
} from '../subject-data/index.js';
import { retentionDatesOf } from '../retention/index.js';
import type { RightsDeps } from './rights.deps.js';

const PREVIEW_ROWS = 3;
const PREVIEW_CHARS = 80;

type TableView = { table: string; description: string; rows: number; preview: Array<Record<string, string | null>> };

/**
 * Everything held about the signed-in person, by category, in the manifest's words: why (purposes
 * and legal bases), until when (the retention rule, and the dates it gives for their rows), who
 * receives it (recipients the manifest names) and each actual disclosure.
 */
export async function myPrivacyDashboard(deps: RightsDeps, p: Principal) {
  // Outside the transaction: the policy cache may read the database (one connection on PGlite).
  const active = await deps.policy.current();
  const values = active.values;
  // Then everything held, read in one transaction: a consistent picture.
  return deps.uow.run({ actor: actorOf(p) }, async (work) => {
    const user = await findUserContact(work, p.userId);
    if (!user) return null;
    const person = { userId: user.id, email: user.email };
    const db = work.trx as Kysely<unknown>;
    const foreignKeys = await readForeignKeys(db);
    const primaryKeys = await readPrimaryKeys(db);
    const byCategory = new Map<string, { tables: TableView[] }>();
    for (const scope of subjectScopes(deps.registry, foreignKeys)) {
      const rows = await countPersonRows(db, scope, person);
      if (rows === 0) continue;
      const columns = exportColumns(scope.entry);
      const preview = await previewRows(db, scope, person, primaryKeys.get(scope.table) ?? []);
      for (const category of new Set(columns.map((c) => c.category).filter((c): c is string => c !== null))) {
        const names = columns.filter((c) => c.category === category).map((c) => c.name);
        const item = byCategory.get(category) ?? { tables: [] };
        item.tables.push({ table: scope.table, description: scope.entry.description, rows, preview: preview.map((r) => pick(r, names)) });
        byCategory.set(category, item);
      }
    }
    // The dates come from the same clocks the retention runs use (a file from its project's completion).
    const dates = new Map((await retentionDatesOf(work, deps.registry, values, p.userId)).map((d) => [d.category, d]));
    const categories = [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, item]) => {
      const known = isCategoryId(category);
      const rule = retentionRule(values, category);
      const when = dates.get(category);
      return {
        category,
        label: known ? describeCategory(category).label : category,
        description: known ? describeCategory(category).description : '',
        rows: item.tables.reduce((n, t) => n + t.rows, 0),
        tables: item.tables,
        purposes: known ? values.purposesUsing(category).map((u) => ({ id: u.id, name: u.name, description: u.description ?? null, legalBasis: u.legal_basis })) : [],
        retention: rule ? { ...describeRetention(rule), earliestEnd: when?.earliestEnd ?? null, latestEnd: when?.latestEnd ?? null, undated: when?.waiting ?? 0 } : null,
        recipients: known ? values.recipientsOf(category).map((r) => ({ id: r.id, name: r.name, kind: r.kind, service: r.service, country: r.country })) : [],
      };
    });
    const disclosures = await disclosuresOf(work, p.userId);
    return {
      policyVersion: active.version,
      categories,
      disclosures: disclosures.map((d) => ({ id: d.id, kind: d.kind, recipient: d.recipient, categories: d.categories, categoryLabels: d.categories.map((c) => (isCategoryId(c) ? describeCategory(c).label : c)), legalBasis: d.legal_basis, purpose: d.purpose, outsidePolicy: d.outside_policy, reference: d.reference, disclosedAt: d.disclosed_at.toISOString() })),
      restrictions: (await restrictionsOf(work, p.userId)).map((r) => ({ scope: r.scope, since: r.since.toISOString(), reason: r.reason })),
      exports: (await listExportsOf(work, p.userId)).map((e) => ({ id: e.id, status: e.status, sizeBytes: e.size_bytes, createdAt: e.created_at.toISOString(), completedAt: e.completed_at?.toISOString() ?? null, downloadedAt: e.downloaded_at?.toISOString() ?? null })),
      requests: (await listRequestsOf(work, p.userId)).map((r) => ({ id: r.id, kind: r.kind, status: r.status, receivedOn: r.received_on, dueOn: r.due_on })),
      jurisdictions: active.manifest.rights.jurisdictions.map((j) => ({ id: j.id, name: j.name, rights: j.rights })),
    };
  });
}

async function previewRows(db: Kysely<unknown>, scope: TableScope, person: { userId: string; email: string }, primaryKey: string[]) {
  const rows: Array<Record<string, unknown>> = [];
  for await (const row of readPersonRows(db, scope, person, primaryKey)) {
    rows.push(row);
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return rows;
}

function pick(row: Record<string, unknown>, names: string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const n of names) {
    const v = row[n];
    if (v === null || v === undefined) out[n] = null;
    else {
      const text = valueText(v);
      out[n] = text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
    }
  }
  return out;
}
