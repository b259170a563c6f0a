import type { Kysely } from 'kysely';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { AccountsTables } from '../accounts/index.js';
import type { AuditTables } from '../audit/index.js';
import type { MailService, MailTables } from '../mail/index.js';
import type { PrivacyTables } from './privacy.tables.js';

/** Publishing reads the users it notifies and writes audit entries and mail. */
export type PrivacyDb = PrivacyTables & AccountsTables & AuditTables & MailTables;

export type PrivacyDeps = {
  db: Kysely<PrivacyDb>;
  mail: MailService;
  jobs: Pick<JobQueue, 'send'>;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  /** The manifest an installation publishes as version 1 when it has none (manifests/default.yaml). */
  defaultManifestPath: string;
  /** Every category the installation's registry stores, with the columns that store it. */
  storedCategories: ReadonlyMap<string, readonly string[]>;
  /** How long the cached active version is trusted before checking for one published elsewhere. */
  recheckMs?: number;
  /** Users notified per transaction by the change-notice job. */
  noticePageSize?: number;
};
