import type { Kysely } from 'kysely';
import type { JobDefinition } from '../../platform/jobs/index.js';
import type { WebhookClient } from '../../platform/webhooks/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { EgressService } from '../egress/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { IntegrationsTables } from './integrations.tables.js';

export type IntegrationsDeps = {
  db: Kysely<IntegrationsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  policy: Pick<ActivePolicy, 'inWork'>;
  egress: Pick<EgressService, 'handOver' | 'withdrawHandOver'>;
  /** The platform's HTTP client for webhooks (SSRF guard, timeout, no redirects), wired in app.ts. */
  webhooks: WebhookClient;
  /**
   * Seals a connector's credential or a signing secret under the master key ring in force, opens it for
   * a delivery, and `reseal` moves a sealed value to the ring's primary key (wired in app.ts).
   */
  credentials: { seal: (plaintext: string) => string; open: (sealed: string) => string; reseal: (value: string) => string };
  /** The manifest recipient the connected systems are (MESHVAULT_INTEGRATIONS_RECIPIENT). */
  recipient: string;
  /** A registry column's category, null when it is not personal, undefined when the registry does not know it. */
  categoryOf: (table: string, column: string) => string | null | undefined;
};

/** The deps with the delivery job, which the listener and replays queue. */
export type IntegrationsWorkDeps = IntegrationsDeps & { deliverJob: JobDefinition<{ deliveryId: string }> };
