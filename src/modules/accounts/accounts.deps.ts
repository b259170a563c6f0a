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
};

/** Who is asking, as known from the request. */
export type RequestContext = {
  requestId: string;
  userAgent?: string;
  ip?: string;
};
