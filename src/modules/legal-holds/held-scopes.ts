import type { Kysely } from 'kysely';
import * as store from './legal-holds.store.js';

/** What the holds in force at `at` keep: the ids of people, projects and organisations, and each hold's reason. */
export type HeldScopes = { persons: string[]; projects: string[]; organisations: string[]; reasons: Map<string, string> };

/**
 * For retention and erasure, at the start of a run: the holds in force. The tables a scope id names
 * are the installation's accounts, projects and organisations (`HOLD_SCOPE_TABLES`).
 */
export async function heldScopes(db: Kysely<unknown>, at: Date): Promise<HeldScopes> {
  const holds = await store.listActiveHolds(db, at);
  const of = (scope: string) => holds.filter((h) => h.scope === scope).map((h) => h.scope_id);
  return { persons: of('person'), projects: of('project'), organisations: of('organisation'), reasons: new Map(holds.map((h) => [h.scope_id, h.reason])) };
}

/** Each hold in force at `at` on its own (its id, its reason, what it keeps): erasure says which hold kept what. */
export async function eachHeldScope(db: Kysely<unknown>, at: Date): Promise<Array<{ id: string; reason: string; scopes: HeldScopes }>> {
  const holds = await store.listActiveHolds(db, at);
  return holds.map((h) => ({
    id: h.id,
    reason: h.reason,
    scopes: { persons: h.scope === 'person' ? [h.scope_id] : [], projects: h.scope === 'project' ? [h.scope_id] : [], organisations: h.scope === 'organisation' ? [h.scope_id] : [], reasons: new Map([[h.scope_id, h.reason]]) },
  }));
}

/** The table whose rows a scope id names (the registry walker finds the rows under them by foreign key). */
export const HOLD_SCOPE_TABLES = { person: 'users', project: 'projects', organisation: 'organisations' } as const;
