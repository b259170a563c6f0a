import type { Kysely } from 'kysely';
import type { Logger } from '../../platform/log/index.js';
import type { Queryable } from '../../platform/db/index.js';
import type { AuditTables } from '../audit/index.js';
import type { MailService, MailTables } from '../mail/index.js';
import type { AccountsTables } from './accounts.tables.js';

export type AccountsDb = AccountsTables & AuditTables & MailTables;

export type AccountsDeps = {
  db: Kysely<AccountsDb>;
  mail: MailService;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  auth: { maxFailures: number; lockoutMinutes: number; sessionDays: number };
  /** Policy values come from the active privacy manifest, never from literals here. */
  policy: { minimumAge(): Promise<number> };
  /** Called inside the transaction that verifies an address (organisations claim domains here). */
  onEmailVerified?: Array<(trx: Queryable<AccountsDb>, user: { id: string; email: string }) => Promise<void>>;
  /**
   * True while the account is being erased (the rights module answers): between the request and the
   * erasure of the account row it can no longer be signed into, nor its password reset. Asked through
   * `db`, the caller's transaction when there is one (an embedded database has a single connection).
   */
  isBeingErased?: (db: Queryable<AccountsDb>, userId: string) => Promise<boolean>;
};
