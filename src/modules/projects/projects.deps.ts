import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { TOperatorSettings } from './operator-settings.js';
import type { ProjectsTables } from './projects.tables.js';

/** Projects keep their own tables; people's names and addresses come from accounts, audit and mail from the unit of work. */
export type ProjectsDeps = {
  db: Kysely<ProjectsTables>;
  uow: UnitOfWork;
  now: () => Date;
  publicUrl: string;
  operator: TOperatorSettings;
  /** Whether the privacy policy in force declares a category (specifications are asked only then). */
  policy: { declares(category: string): Promise<boolean> };
};

/** What the functions other modules call inside their own unit of work need besides it. */
export type ProjectsWorkDeps = Pick<ProjectsDeps, 'now' | 'publicUrl'>;
