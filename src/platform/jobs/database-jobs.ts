import { vacuumEmbeddedDatabase, type DatabaseHandle } from '../db/index.js';
import { defineJob, EMPTY_PAYLOAD, type ModuleJob } from './job-definition.js';

/**
 * The database's own upkeep, for the app to register beside the modules' jobs. On PGlite, a nightly
 * `database.vacuum` (see embedded-vacuum.ts), after the night's retention run and file clean-up so
 * the space they free is reused from the next day; on PostgreSQL nothing: its autovacuum does it.
 */
export function databaseJobs(handle: Pick<DatabaseHandle<unknown>, 'kind' | 'executeSql'>): ModuleJob[] {
  if (handle.kind !== 'pglite') return [];
  const vacuum = defineJob<Record<string, never>>({
    name: 'database.vacuum',
    version: 1,
    schema: EMPTY_PAYLOAD,
    handler: async (_payload, ctx) => {
      const { tables } = await vacuumEmbeddedDatabase(handle, ctx.signal);
      ctx.log.info({ tables }, 'embedded database vacuumed and analysed');
    },
    policy: 'singleton',
    expireInSeconds: 3600,
  });
  return [{ job: vacuum, schedule: '15 4 * * *' }];
}
