import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR, tablesOf } from '../../platform/unit-of-work/index.js';
import { findUserContact } from '../accounts/index.js';
import { listStoredFilesOfProjects } from '../files/index.js';
import { describeCategory, isCategoryId, type PolicyValues } from '../privacy/index.js';
import { listProjectIdsOfCustomer } from '../projects/index.js';
import {
  countPersonRows,
  describeRetention,
  exportColumns,
  readForeignKeys,
  readPersonRows,
  readPrimaryKeys,
  personVaultObjects,
  retentionRule,
  subjectScopes,
  valueText,
  type TableScope,
} from '../subject-data/index.js';
import type { DataExportBaseDeps } from './data-export.deps.js';
import * as store from './data-export.store.js';
import type { DataExportTables } from './data-export.tables.js';

type Person = { userId: string; email: string; name: string };
type Part = { path: string; explains: string };

/**
 * `rights.export` v1: the person's data as a ZIP — JSON per category, CSV per table, their original
 * files decrypted, and a README — streamed from the database pages and the vault through yazl into
 * the vault again (encrypted under a key of its own), so memory stays bounded however large it is.
 */
export async function buildExport(deps: DataExportBaseDeps, exportId: string): Promise<void> {
  const row = await store.findExport(deps.db, exportId);
  if (!row || row.status === 'ready' || row.status === 'expired') return;
  const user = await deps.uow.run({ actor: SYSTEM_ACTOR }, (work) => findUserContact(work, row.user_id));
  if (!user) return;
  const person = { userId: user.id, email: user.email, name: user.name };
  await store.markBuilding(deps.db, exportId);
  const db = deps.db as unknown as Kysely<unknown>;
  const [foreignKeys, primaryKeys, values] = await Promise.all([readForeignKeys(db), readPrimaryKeys(db), deps.policy.values()]);
  const scopes: Array<{ scope: TableScope; rows: number }> = [];
  for (const scope of subjectScopes(deps.registry, foreignKeys)) {
    const rows = await countPersonRows(db, scope, person);
    if (rows > 0) scopes.push({ scope, rows });
  }
  const files = await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => listStoredFilesOfProjects(work, await listProjectIdsOfCustomer(work, person.userId)));
  // The other encrypted files among their rows (support attachments, …), found through the registry.
  const projectObjects = new Set(files.map((f) => f.storage_key));
  const attachments = [];
  for (const { scope } of scopes) for (const object of await personVaultObjects(db, scope, person.userId)) if (!projectObjects.has(object.storageKey)) attachments.push(object);

  // yazl loads with the first export built, not when the server starts.
  const { default: yazl } = await import('yazl');
  const zip = new yazl.ZipFile();
  const parts: Part[] = [];
  const mtime = deps.now();
  for (const category of categoriesOf(scopes.map((s) => s.scope))) {
    const path = `data/${category}.json`;
    parts.push({ path, explains: `${labelOf(category)}: ${describeOf(category)} As JSON, grouped by where we keep it.` });
    zip.addReadStreamLazy(path, { mtime }, (cb) => cb(null, Readable.from(categoryJson(db, category, scopes, person, primaryKeys, values))));
  }
  for (const { scope, rows } of scopes) {
    const path = `tables/${scope.table}.csv`;
    parts.push({ path, explains: `${scope.entry.description} ${rows} row${rows === 1 ? '' : 's'}, one per line (CSV, UTF-8).` });
    zip.addReadStreamLazy(path, { mtime }, (cb) => cb(null, Readable.from(tableCsv(db, scope, person, primaryKeys.get(scope.table) ?? []))));
  }
  for (const file of files) {
    const path = `files/${file.project_id}/${file.id}-${safeName(file.original_name)}`;
    parts.push({ path, explains: `The file "${file.original_name}" you uploaded, decrypted, exactly as you sent it.` });
    zip.addReadStreamLazy(path, { mtime }, (cb) => {
      deps.fileVault.vault().readFile(file.storage_key, file.wrapped_key).then((stream) => cb(null, stream), (error: unknown) => cb(error as Error, undefined as never));
    });
  }
  for (const file of attachments) {
    const path = `attachments/${file.table}/${file.id}-${safeName(file.name)}`;
    parts.push({ path, explains: `The file "${file.name}" (${file.table}), decrypted, exactly as it was sent.` });
    zip.addReadStreamLazy(path, { mtime }, (cb) => {
      deps.fileVault.vault().readFile(file.storageKey, file.wrappedKey).then((stream) => cb(null, stream), (error: unknown) => cb(error as Error, undefined as never));
    });
  }
  zip.addBuffer(Buffer.from(readme(person, parts, mtime)), 'README.txt', { mtime });
  zip.end();
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));

  try {
    const info = await deps.fileVault.vault().writeFile(row.storage_key, output);
    await deps.uow.run({ actor: SYSTEM_ACTOR }, async (work) => {
      await store.markReady(tablesOf<DataExportTables>(work), exportId, { wrappedKey: info.wrappedKey, sizeBytes: info.plaintextSize, sha256: info.sha256, at: deps.now() });
      await work.audit({ action: 'rights.export_built', subjectId: person.userId, target: { type: 'export', id: exportId }, details: { tables: scopes.length, files: files.length + attachments.length, bytes: info.plaintextSize } });
    });
  } catch (error) {
    // A half-written object has no key stored anywhere: it is noise; remove it so a retry can write again.
    await deps.fileVault.storage.delete(row.storage_key).catch(() => undefined);
    await store.markFailed(deps.db, exportId, (error as Error).message.slice(0, 500));
    throw error;
  }
}

function categoriesOf(scopes: TableScope[]): string[] {
  const set = new Set<string>();
  for (const s of scopes) for (const c of exportColumns(s.entry)) if (c.category) set.add(c.category);
  return [...set].sort();
}

const labelOf = (c: string) => (isCategoryId(c) ? describeCategory(c).label : c);
const describeOf = (c: string) => (isCategoryId(c) ? describeCategory(c).description : '');

async function* categoryJson(db: Kysely<unknown>, category: string, scopes: Array<{ scope: TableScope }>, person: Person, primaryKeys: Map<string, string[]>, values: PolicyValues): AsyncGenerator<string> {
  const rule = retentionRule(values, category);
  const purposes = isCategoryId(category) ? values.purposesUsing(category).map((p) => ({ purpose: p.name, legalBasis: p.legal_basis })) : [];
  yield `{"category":${JSON.stringify(category)},"label":${JSON.stringify(labelOf(category))},"description":${JSON.stringify(describeOf(category))},`;
  yield `"purposes":${JSON.stringify(purposes)},"retention":${JSON.stringify(rule ? describeRetention(rule) : null)},"tables":{`;
  let firstTable = true;
  for (const { scope } of scopes) {
    const columns = exportColumns(scope.entry).filter((c) => c.category === category).map((c) => c.name);
    if (columns.length === 0) continue;
    const context = exportColumns(scope.entry).filter((c) => c.category === null && ['id', 'project_id', 'created_at', 'at'].includes(c.name)).map((c) => c.name);
    yield `${firstTable ? '' : ','}${JSON.stringify(scope.table)}:{"description":${JSON.stringify(scope.entry.description)},"rows":[`;
    firstTable = false;
    let firstRow = true;
    for await (const row of readPersonRows(db, scope, person, primaryKeys.get(scope.table) ?? [])) {
      const picked: Record<string, unknown> = {};
      for (const c of [...context, ...columns]) if (c in row) picked[c] = row[c];
      yield `${firstRow ? '' : ','}${JSON.stringify(picked)}`;
      firstRow = false;
    }
    yield ']}';
  }
  yield '}}\n';
}

async function* tableCsv(db: Kysely<unknown>, scope: TableScope, person: Person, primaryKey: string[]): AsyncGenerator<string> {
  const columns = exportColumns(scope.entry).map((c) => c.name);
  yield `${columns.join(',')}\r\n`;
  for await (const row of readPersonRows(db, scope, person, primaryKey)) yield `${columns.map((c) => csvCell(row[c])).join(',')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = valueText(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 150);
  return cleaned || 'file';
}

function readme(person: Person, parts: Part[], at: Date): string {
  return [
    `Your data, as held on ${at.toISOString().slice(0, 10)}`,
    '',
    `This archive holds everything we store about the account of ${person.name}, in formats any program can read.`,
    'data/*.json   one file per kind of data (category): what it is, why we hold it (purpose and legal basis),',
    '              how long we keep it, and every value, grouped by where we keep it.',
    'tables/*.csv  the same data table by table, one row per line, for spreadsheets and other services.',
    'files/        the files you uploaded, decrypted, exactly as you sent them.',
    'attachments/  other files of yours we keep (such as those attached to support messages), decrypted.',
    '',
    'Where a record belongs to someone else but mentions you (for example a message you wrote in another',
    'person\'s project), we include only that it mentions you and when. Where one of your records names',
    'another person (for example the staff member who changed a status), that name is left blank.',
    'Secrets such as your password hash and encryption keys are not included.',
    '',
    'The files in this archive:',
    ...parts.map((p) => `- ${p.path}\n    ${p.explains}`),
    '',
  ].join('\n');
}
