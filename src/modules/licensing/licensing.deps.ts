import type { Kysely } from 'kysely';
import type { MasterKeyRing } from '../../platform/crypto/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { ActivePolicy } from '../privacy/index.js';
import type { LicensingTables } from './licensing.tables.js';

export type LicensingDeps = {
  db: Kysely<LicensingTables>;
  uow: UnitOfWork;
  now: () => Date;
  /** Wraps the signing keys, keys the fingerprint hashes and signs download links. */
  masterKeys: MasterKeyRing;
  publicUrl: string;
  /** The policy in force: whether it keeps raw device ids, whether organisation admins may manage seats. */
  policy: Pick<ActivePolicy, 'inWork'>;
};
