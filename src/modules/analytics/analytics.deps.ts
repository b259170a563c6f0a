import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { ConsentService } from '../consent/index.js';
import type { EgressService } from '../egress/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { AnalyticsTables } from './analytics.tables.js';

export type AnalyticsDeps = {
  db: Kysely<AnalyticsTables>;
  uow: UnitOfWork;
  now: () => Date;
  policy: Pick<ActivePolicy, 'current'>;
  /** THE processing check: analytics runs only where the person's or visitor's consent allows it. */
  egress: Pick<EgressService, 'isProcessingAllowed'>;
  /** A secret salt for one UTC day (YYYY-MM-DD), so an address hashed today cannot be matched tomorrow. */
  dailySalt: (day: string) => string;
  /** The dashboard's consent counts (GPC share, decisions by method). */
  consent: Pick<ConsentService, 'consentStatistics'>;
};
