import type { Kysely } from 'kysely';
import type { SmsClient } from '../../platform/sms/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { EgressService } from '../egress/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { MarketingTables } from './marketing.tables.js';

export type MarketingDeps = {
  db: Kysely<MarketingTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  policy: Pick<ActivePolicy, 'current' | 'inWork'>;
  /** THE shared processing check (`isMarketingAllowed`, profiling for the ads opt-out) and the one way out (`handOver`). */
  egress: Pick<EgressService, 'isMarketingAllowed' | 'isProcessingAllowed' | 'handOver'>;
  /** The unsubscribe links' HMAC, keyed by the installation's secret. */
  links: { sign(message: string): string; verify(message: string, signature: string): boolean };
  /** The address people may also unsubscribe by writing to (List-Unsubscribe mailto); null: no inbound mail listener takes it, so no mailto. */
  unsubscribeAddress: string | null;
  /** The SMS provider (a platform client the app injects) and its manifest recipient id; null: no SMS. */
  sms: { client: SmsClient; recipient: string } | null;
  pacing: { batchSize: number; pauseSeconds: number };
};
