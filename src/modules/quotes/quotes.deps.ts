import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { TOperatorSettings } from '../projects/index.js';
import type { QuotesTables } from './quotes.tables.js';

/** Quotes keep their own table; projects (access, statuses, customers) and files (analyses) answer through their index. */
export type QuotesDeps = {
  db: Kysely<QuotesTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  operator: TOperatorSettings;
};
