import type { Kysely } from 'kysely';
import type { JobDefinition } from '../../platform/jobs/index.js';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { FileVault } from '../files/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { DataExportTables } from './data-export.tables.js';

/** Operational timings (configuration: MESHVAULT_EXPORT_LINK_HOURS, MESHVAULT_EXPORT_KEEP_DAYS), not promises of the policy. */
export type DataExportSettings = {
  /** How long an export's download link works. */
  exportLinkHours: number;
  /** A built export is kept this long, then crypto-shredded (a new one can be asked for). */
  exportKeepDays: number;
};

export type DataExportBaseDeps = {
  db: Kysely<DataExportTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** The whole installation's registry: the export walks it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'values'>;
  fileVault: FileVault;
  settings: DataExportSettings;
};

export type DataExportDeps = DataExportBaseDeps & { exportJob: JobDefinition<{ exportId: string }> };
