import type { Kysely } from 'kysely';

/**
 * What stores need from a database: satisfied by both `Kysely<DB>` and `Transaction<DB>` for any DB
 * that includes the tables. (Kysely's `Transaction<Big>` is not assignable to `Kysely<Small>`.)
 */
export type Queryable<DB> = Pick<
  Kysely<DB>,
  'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom' | 'with' | 'selectNoFrom' | 'getExecutor' | 'fn' | 'dynamic' | 'replaceInto' | 'mergeInto'
>;
