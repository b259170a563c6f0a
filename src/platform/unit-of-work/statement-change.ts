import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';

/**
 * A change made in one statement (issue #12: one statement is atomic, so it needs no transaction of
 * its own): its data-modifying CTEs, `name as (...)` separated by commas, and `answer`, a select over
 * them whose first row is the change's answer. `parse` reads that row back from JSON.
 */
export type StatementChange<T = unknown> = {
  ctes: RawBuilder<unknown>;
  answer: RawBuilder<unknown>;
  parse(row: Record<string, unknown> | null): T;
};

/** Makes `change` as a statement of its own, with no audit entry in it (a transaction around writes that): its answer. */
export async function makeStatementChange<T>(db: QueryExecutorProvider, change: StatementChange<T>): Promise<T> {
  const r = await sql<{ answer: Record<string, unknown> | null }>`with ${change.ctes} select (select to_jsonb(a) from (${change.answer}) a limit 1) as answer`.execute(db);
  return change.parse(r.rows[0]?.answer ?? null);
}
