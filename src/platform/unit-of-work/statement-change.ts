import type { RawBuilder } from 'kysely';

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
