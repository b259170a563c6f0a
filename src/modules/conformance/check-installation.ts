import { countStoredRows, registryCategories } from '../../platform/registry/index.js';
import { recordedRecipients } from '../egress/index.js';
import { listOverdueRequests } from '../rights-requests/index.js';
import type { ConformanceDeps } from './conformance.deps.js';
import { liveColumns } from './conformance.store.js';

export type CheckResult = { id: string; title: string; ok: boolean; problems: string[]; notes: string[] };
export type InstallationCheck = { ok: boolean; checkedAt: string; policyVersion: number; checks: CheckResult[] };

/**
 * `meshvault privacy check`: proves the manifest in force against the live installation. Each check
 * lists what fails it (ids, tables and categories, never personal values); `ok` only if all pass.
 */
export async function checkInstallation(deps: ConformanceDeps): Promise<InstallationCheck> {
  const db = deps.db;
  const now = deps.now();
  const active = await deps.policy.current();
  const values = active.values;
  const checks: CheckResult[] = [];
  const add = (id: string, title: string, problems: string[], notes: string[] = []) => checks.push({ id, title, ok: problems.length === 0, problems, notes });

  const unclassified = (await liveColumns(db)).filter(({ table, column }) => !deps.registry[table]?.columns[column]).map(({ table, column }) => `${table}.${column} is classified by no personal-data.ts`);
  add('columns_classified', 'Every column of the database is classified', unclassified);

  const undeclared: string[] = [];
  for (const category of [...registryCategories(deps.registry)].sort()) {
    if (values.isDeclared(category)) continue;
    for (const stored of await countStoredRows(db, deps.registry, category)) undeclared.push(`${category} is stored (${stored.rows} rows of ${stored.table}: ${stored.columns.join(', ')}) but the manifest does not declare it`);
  }
  add('categories_declared', 'Every category stored is declared', undeclared);

  const plan = await deps.planRetention();
  add(
    'retention',
    'No record is kept past its retention period',
    plan.items.map((i) => `${i.rows} row${i.rows === 1 ? '' : 's'} of ${i.table} (${i.category}) past "${i.rule}" since ${i.earliestEnd?.slice(0, 10) ?? '?'}${i.enforcedBy ? ` (left to ${i.enforcedBy})` : ''}`),
  );

  const overdue = await listOverdueRequests(db, now.toISOString().slice(0, 10));
  add('requests_due', 'No data-rights request is past its due date', overdue.map((r) => `request ${r.id} (${r.kind}, ${r.status}) was due on ${String(r.due_on).slice(0, 10)}`));

  const chain = await deps.verifyAuditChain();
  add('audit_chain', 'The audit chain is intact', chain.ok ? [] : [`${chain.problem}${chain.firstBadId !== null ? ` (first bad entry: ${chain.firstBadId})` : ''}`], [`${chain.entries} entries verified`]);

  add('cookies_declared', 'Every cookie the server sets is declared', deps.cookiesSet.filter((name) => !values.cookie(name)).map((name) => `cookie ${name} is set but the manifest does not declare it`));

  const declaredRecipients = new Set(active.manifest.recipients.map((r) => r.id));
  const recipients = await recordedRecipients(db);
  add(
    'recipients_declared',
    'Every recipient of a recorded hand-over is declared',
    recipients.filter((r) => !declaredRecipients.has(r.recipient) && !r.outsidePolicy).map((r) => `${r.handovers} hand-over${r.handovers === 1 ? '' : 's'} to ${r.recipient}, which the manifest does not name`),
    recipients.filter((r) => !declaredRecipients.has(r.recipient) && r.outsidePolicy).map((r) => `${r.handovers} disclosure${r.handovers === 1 ? '' : 's'} to ${r.recipient} outside the policy, on a legal basis (recorded as such)`),
  );

  return { ok: checks.every((c) => c.ok), checkedAt: now.toISOString(), policyVersion: active.version, checks };
}
