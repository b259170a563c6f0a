import type { Kysely } from 'kysely';
import type { AccountsDb } from '../accounts/index.js';
import type { MailService } from '../mail/index.js';
import type { TOperatorSettings } from './operator-settings.js';
import type { ProjectsTables } from './projects.tables.js';

/** Projects read their customers and staff (name, e-mail) and write audit entries and mail. */
export type ProjectsDb = ProjectsTables & AccountsDb;

export type ProjectsDeps = {
  db: Kysely<ProjectsDb>;
  mail: MailService;
  now: () => Date;
  publicUrl: string;
  operator: TOperatorSettings;
};

/** What the functions other modules call inside their own transactions need. */
export type ProjectsTrxDeps = Pick<ProjectsDeps, 'mail' | 'now' | 'publicUrl'>;
