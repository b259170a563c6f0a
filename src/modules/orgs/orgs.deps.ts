import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { OrgsTables } from './orgs.tables.js';

export type OrgsDeps = {
  db: Kysely<OrgsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** Suspension goes through accounts, which owns account status and revokes the sessions. */
  accounts: Pick<AccountsService, 'setUserStatus'>;
};
