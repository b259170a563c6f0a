import type { Kysely } from 'kysely';
import type { FilesDb } from '../files/index.js';
import type { MailService } from '../mail/index.js';
import type { TOperatorSettings } from '../projects/index.js';
import type { QuotesTables } from './quotes.tables.js';

/** Quotes read projects and their analysed files, and move projects along their statuses. */
export type QuotesDb = QuotesTables & FilesDb;

export type QuotesDeps = {
  db: Kysely<QuotesDb>;
  mail: MailService;
  now: () => Date;
  publicUrl: string;
  operator: TOperatorSettings;
};
