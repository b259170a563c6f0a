import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { ReleaseAdvertising } from './advertising-release.js';
import type { ConsentTables } from './consent.tables.js';

export type ConsentDeps = {
  db: Kysely<ConsentTables>;
  uow: UnitOfWork;
  now: () => Date;
  policy: Pick<ActivePolicy, 'current' | 'inWork'>;
  /** Egress's decision on third-party advertising (it imports this module, so the app hands it over). */
  releaseAdvertising: ReleaseAdvertising;
};
