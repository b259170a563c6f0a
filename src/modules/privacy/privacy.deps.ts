import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/log/index.js';
import type { StoredRows } from '../../platform/registry/index.js';
import type { UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
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
  /**
   * The categories the installation's core cannot run without (not the operating records, optional
   * fields, or switchable features), with the columns that store them: a policy must declare each.
   */
  storedCategories: ReadonlyMap<string, readonly string[]>;
  /** The rows, table by table, that hold a value of a category (asked before a policy drops one). */
  storedRows: (work: Work, category: string) => Promise<StoredRows[]>;
  /**
   * Told, inside the answer's work, of a consent question answered after a policy change: the consent
   * module records it as consent records (the proof egress's processing check reads).
   */
  onConsentAnswered?: (work: Work, answer: { userId: string; purposes: string[]; accepted: boolean }) => Promise<void>;
  /** How long the cached active version is trusted before checking for one published elsewhere. */
  recheckMs?: number;
  /** Users notified per transaction by the change-notice job. */
  noticePageSize?: number;
};
