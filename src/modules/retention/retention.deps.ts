import type { Kysely, RawBuilder } from 'kysely';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
import type { FileVault } from '../files/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { RetentionTables } from './retention.tables.js';

export type RetentionBaseDeps = {
  db: Kysely<RetentionTables>;
  uow: UnitOfWork;
  now: () => Date;
  log: Logger;
  /** The whole installation's registry: retention walks it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current'>;
  fileVault: Pick<FileVault, 'storage'>;
  jobs: Pick<JobQueue, 'send'>;
  /**
   * Starts the erasure of a closed account whose archive period ended, inside the batch's work, as if
   * the person had asked (the app hands erasure's `startErasure`). False when one is already under way.
   * Absent: closed accounts are left (and planned) but not erased.
   */
  startAccountErasure?: (work: Work, userId: string) => Promise<boolean>;
  /**
   * Prunes the audit trail's prefix whose entries `due` accepts, inside the work (the app hands the
   * audit module's `pruneAuditPrefix`): the registry leaves that table to the audit module, which keeps
   * the chain verifiable from an anchor. Absent: the audit trail is planned but never pruned.
   */
  pruneAudit?: (work: Work, due: RawBuilder<boolean>) => Promise<{ rows: number }>;
  /**
   * Run in the closure's work: what an archived account can no longer use is let go (licensing frees
   * the person's seats of organisations' licences and deactivates their machines on them).
   */
  onAccountClosed?: Array<(work: Work, userId: string) => Promise<void>>;
  /** Rows per batch (one transaction each); default 5,000. */
  batchRows?: number;
  /** Called after each committed batch (tests stop a run there, as a kill would). */
  afterBatch?: (step: string) => void | Promise<void>;
};

export type RetentionDeps = RetentionBaseDeps & { retentionJob: JobDefinition<Record<string, never>> };
