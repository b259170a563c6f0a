import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { DataExportService } from '../data-export/index.js';
import type { ErasureService } from '../erasure/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { RightsRequestsTables } from './rights-requests.tables.js';

/** Operational timings (configuration: MESHVAULT_REQUEST_CONFIRM_HOURS, MESHVAULT_REQUEST_REMINDER_DAYS), not promises of the policy. */
export type RightsRequestsSettings = {
  /** How long the link confirming a request from the public form works. */
  requestConfirmHours: number;
  /** Privacy officers are reminded this many days before a request is due (and once it is overdue). */
  reminderDaysBefore: number[];
};

export type RightsRequestsDeps = {
  db: Kysely<RightsRequestsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** Answer deadlines and the privacy contact come from the manifest in force. */
  policy: Pick<ActivePolicy, 'current' | 'values'>;
  settings: RightsRequestsSettings;
  /** Fulfilling a request: an export or an erasure started in the request's work; the daily job also shreds old exports. */
  exports: Pick<DataExportService, 'queueExport' | 'purgeOldExports'>;
  erasure: Pick<ErasureService, 'startErasure'>;
};
