import type { Kysely } from 'kysely';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { AccountsDb } from '../accounts/index.js';
import type { FileVault, FilesTables } from '../files/index.js';
import type { MailService } from '../mail/index.js';
import type { OrgsTables } from '../orgs/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { ProjectsTables } from '../projects/index.js';
import type { RightsTables } from './rights.tables.js';

/** Rights read across every module's tables (through the registry) and write audit entries and mail. */
export type RightsDb = RightsTables & AccountsDb & OrgsTables & ProjectsTables & FilesTables;

export type RightsBaseDeps = {
  db: Kysely<RightsDb>;
  mail: MailService;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  /** The data directory: the erasure ledger's file copy lives here. */
  dataDir: string;
  /** The whole installation's registry: export, erasure and the dashboard walk it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current' | 'values'>;
  fileVault: FileVault;
  jobs: Pick<JobQueue, 'send'>;
  settings: RightsSettings;
};

/** Operational timings (configuration: MESHVAULT_EXPORT_KEEP_DAYS and the like), not promises of the policy. */
export type RightsSettings = {
  /** How long an export's download link works. */
  exportLinkHours: number;
  /** A built export is kept this long, then crypto-shredded (a new one can be asked for). */
  exportKeepDays: number;
  /** How long the link confirming a request from the public form works. */
  requestConfirmHours: number;
  /** Privacy officers are reminded this many days before a request is due (and once it is overdue). */
  reminderDaysBefore: number[];
};

export type RightsJobs = {
  exportJob: JobDefinition<{ exportId: string }>;
  erasureJob: JobDefinition<{ erasureId: string }>;
};

export type RightsDeps = RightsBaseDeps & RightsJobs;
