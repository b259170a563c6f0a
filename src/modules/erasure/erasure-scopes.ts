import type { Kysely } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import { personalColumns, readForeignKeys, subjectScopes, type ForeignKey, type TableScope } from '../subject-data/index.js';

/**
 * The tables in the order erasure visits them: first those holding sign-in secrets (so the person is
 * signed out at once), then children before parents, and the account table itself last.
 */
export async function erasureOrder(db: Kysely<unknown>, registry: TableRegistry): Promise<TableScope[]> {
  const foreignKeys = await readForeignKeys(db);
  const scopes = subjectScopes(registry, foreignKeys);
  const secrets = signInTables(scopes, foreignKeys);
  const signsIn = (s: TableScope) => secrets.has(s.table);
  // Sessions before the other sign-in secrets: ending them is what signs the person out everywhere.
  const signIn = scopes.filter(signsIn).sort((a, b) => Number(b.table === SESSIONS_TABLE) - Number(a.table === SESSIONS_TABLE));
  return [...signIn, ...scopes.filter((s) => !signsIn(s) && !isAccountTable(s)), ...scopes.filter(isAccountTable)];
}

const isAccountTable = (s: TableScope) => s.owned !== null && !('parent' in s.owned) && s.owned.column === 'id';

/**
 * The tables holding sign-in secrets (sessions, one-time codes) that no row references: erasure
 * visits them first, and a legal hold does not keep them (a hold keeps evidence, not a way in).
 */
export function signInTables(scopes: TableScope[], foreignKeys: ForeignKey[]): Set<string> {
  const referenced = new Set(foreignKeys.map((fk) => fk.refTable));
  return new Set(scopes.filter((s) => !referenced.has(s.table) && !isAccountTable(s) && personalColumns(s.entry).some(([, c]) => c.category === 'credentials.session')).map((s) => s.table));
}

/** The accounts module's table of sign-in sessions: its deleted rows are the sessions an erasure ended. */
export const SESSIONS_TABLE = 'sessions';
