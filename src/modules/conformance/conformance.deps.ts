import type { Kysely } from 'kysely';
import type { TableRegistry } from '../../platform/registry/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { RetentionPlan } from '../retention/index.js';

export type ConformanceDeps = {
  db: Kysely<unknown>;
  /** The audit module's chain verification (the app passes it: no module reads the audit tables). */
  verifyAuditChain: () => Promise<{ ok: true; entries: number } | { ok: false; entries: number; firstBadId: number | null; problem: string }>;
  registry: TableRegistry;
  policy: Pick<ActivePolicy, 'current'>;
  now: () => Date;
  /** What the next retention run would remove: anything in it is past its period. */
  planRetention: () => Promise<RetentionPlan>;
  /** The names of every cookie the server sets (the accounts module's session cookie, …). */
  cookiesSet: readonly string[];
};
