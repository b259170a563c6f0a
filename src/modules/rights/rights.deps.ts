import type { TableRegistry } from '../../platform/registry/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { DataExportService } from '../data-export/index.js';
import type { EgressService } from '../egress/index.js';
import type { ErasureService } from '../erasure/index.js';
import type { ActivePolicy } from '../privacy/index.js';

export type RightsDeps = {
  uow: UnitOfWork;
  now: () => Date;
  /** The whole installation's registry: the dashboard walks it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current' | 'values'>;
  /** An organisation administrator's export or erasure of a member, started in this module's work. */
  exports: Pick<DataExportService, 'queueExport'>;
  erasure: Pick<ErasureService, 'startErasure'>;
  /** The one way out: officer disclosures are hand-overs it checks and logs. */
  egress: Pick<EgressService, 'handOver'>;
};
