import type { Kysely } from 'kysely';
import type { AccountsDb, AccountsService } from '../accounts/index.js';
import type { MailService } from '../mail/index.js';
import type { OrgsTables } from './orgs.tables.js';

/** Organisations read the users they join (name, e-mail) and write audit entries and mail. */
export type OrgsDb = OrgsTables & AccountsDb;

export type OrgsDeps = {
  db: Kysely<OrgsDb>;
  mail: MailService;
  now: () => Date;
  publicUrl: string;
  /** Suspension goes through accounts, which owns account status and revokes the sessions. */
  accounts: Pick<AccountsService, 'setUserStatus'>;
};
