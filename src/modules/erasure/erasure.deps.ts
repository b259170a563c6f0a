import type { Kysely } from 'kysely';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { StorageDriver } from '../../platform/storage/index.js';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { FileVault } from '../files/index.js';
import type { MailService } from '../mail/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { ErasureTables } from './erasure.tables.js';

export type ErasureBaseDeps = {
  db: Kysely<ErasureTables>;
  uow: UnitOfWork;
  /** Whether the certificate left: the erasure waits (retries) for it before erasing the address. */
  mail: Pick<MailService, 'get'>;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  /** The data directory: the erasure ledger's file copy lives here. */
  dataDir: string;
  /**
   * The object store every process shares (S3), when the installation has one: each erasure's ledger
   * entry is also written there, so a restore replays the erasures of every worker, not only of the
   * process whose data directory the operator restores on. Null with local storage (one data directory).
   */
  sharedLedger: StorageDriver | null;
  /** The whole installation's registry: erasure walks it. */
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current'>;
  fileVault: FileVault;
  /** Queues the job again outside any transaction (erasures a stopped process left unfinished). */
  jobs: Pick<JobQueue, 'send'>;
};

export type ErasureDeps = ErasureBaseDeps & { erasureJob: JobDefinition<{ erasureId: string }> };
