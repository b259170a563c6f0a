import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { FilesService } from '../files/index.js';
import type { OrdersService } from '../orders/index.js';
import type { ConfiguratorTables } from './configurator.tables.js';

export type ConfiguratorDeps = {
  db: Kysely<ConfiguratorTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** The installation's currency (operator settings), the one quotes and orders use. */
  currency: string;
  files: Pick<FilesService, 'openPublishedPreview'>;
  orders: Pick<OrdersService, 'placeConfigured'>;
  /** Throws feature_off while the policy in force switches orders off: a configuration is then saved, not ordered. */
  assertOrdersOn: () => Promise<void>;
};
