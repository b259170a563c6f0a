import type { Kysely } from 'kysely';
import type { UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';

export type LegalHoldsDeps = {
  db: Kysely<LegalHoldsTables>;
  uow: UnitOfWork;
  now: () => Date;
  /** Told of a release inside its work (the app queues again the erasures the hold kept data from). */
  onReleased?: (work: Work, holdId: string) => Promise<unknown>;
};
