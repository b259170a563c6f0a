import type { Kysely } from 'kysely';
import type { TActor, UnitOfWork, Work } from '../../platform/unit-of-work/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { OrgsTables } from './orgs.tables.js';

export type OrgsDeps = {
  db: Kysely<OrgsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  /** Suspension goes through accounts, which owns account status and revokes the sessions. */
  accounts: Pick<AccountsService, 'setUserStatus'>;
  /**
   * Run in the removal's work: what the membership gave ends with it (licensing frees the member's
   * seats of the organisation's licences and deactivates their machines), or nothing is removed.
   */
  onMemberRemoved?: Array<(work: Work, removal: { orgId: string; userId: string; actor: TActor }) => Promise<void>>;
};
