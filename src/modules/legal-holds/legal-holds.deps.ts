import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { LegalHoldsTables } from './legal-holds.tables.js';

export type LegalHoldsDeps = { db: Kysely<LegalHoldsTables>; uow: UnitOfWork; now: () => Date };
