import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/log/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { PrivacyTables } from './privacy.tables.js';

export type PrivacyDeps = {
  db: Kysely<PrivacyTables>;
  /** Publishing and notices write their audit entries, mail and jobs through it. */
  uow: UnitOfWork;
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
