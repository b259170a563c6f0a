import type { Kysely } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { DataExportService } from '../data-export/index.js';
import type { ErasureService } from '../erasure/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { RightsTables } from './rights.tables.js';

export type RightsDeps = {
  db: Kysely<RightsTables>;
  uow: UnitOfWork;
  now: () => Date;
  /** The whole installation's registry: the dashboard walks it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current' | 'values'>;
  /** An organisation administrator's export or erasure of a member, started in this module's work. */
  exports: Pick<DataExportService, 'queueExport'>;
  erasure: Pick<ErasureService, 'startErasure'>;
};
