import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/** What each module's <domain>.jobs.ts lists: the app registers every job and schedules those with a schedule. */
const MODULE_QUEUES = ['privacy.notify-change.v1', 'files.analyze.v1', 'models.analyze.v1', 'files.discard-abandoned.v1', 'files.backfill-previews.v1', 'rights.export.v1', 'rights.erase.v1', 'rights.remind.v1', 'retention.run.v1', 'support.purge-unconfirmed.v1', 'legal-holds.end-lapsed.v1', 'subscriptions.renew.v1', 'marketing.send-campaign.v1', 'integrations.deliver.v1'];

let app: TestApp;
let embedded: boolean;
/** The database's own upkeep joins them on PGlite, which has no autovacuum (platform/jobs/database-jobs.ts). */
const queues = () => (embedded ? [...MODULE_QUEUES, 'database.vacuum.v1'] : MODULE_QUEUES);
beforeAll(async () => {
  // The worker role: only it schedules.
  app = await createTestApp({}, { role: 'all' });
  embedded = app.database.kind === 'pglite';
  await app.startJobs();
}, 60_000);
afterAll(async () => app?.dispose());

describe('module jobs', () => {
  it('registers every job of every module', async () => {
    for (const queue of queues()) expect(await app.jobs.countQueued(queue.replace(/\.v\d+$/, '')), queue).toBe(0);
    const listed = app.moduleJobs.map((entry) => entry.job.queue);
    expect(listed.sort()).toEqual([...queues()].sort());
  });

  it('schedules the scheduled ones, in UTC, and nothing else', async () => {
    const schedules = (await app.jobs.listSchedules()).sort((a, b) => a.queue.localeCompare(b.queue));
    expect(schedules).toEqual([
      ...(embedded ? [{ queue: 'database.vacuum.v1', cron: '15 4 * * *', timezone: 'UTC' }] : []),
      { queue: 'files.backfill-previews.v1', cron: '45 3 * * *', timezone: 'UTC' },
      { queue: 'files.discard-abandoned.v1', cron: '30 3 * * *', timezone: 'UTC' },
      { queue: 'legal-holds.end-lapsed.v1', cron: '7 0 * * *', timezone: 'UTC' },
      { queue: 'retention.run.v1', cron: '45 2 * * *', timezone: 'UTC' },
      { queue: 'rights.remind.v1', cron: '0 7 * * *', timezone: 'UTC' },
      { queue: 'subscriptions.renew.v1', cron: '23 * * * *', timezone: 'UTC' },
      { queue: 'support.purge-unconfirmed.v1', cron: '17 * * * *', timezone: 'UTC' },
    ]);
  });

  it('runs the vacuum of the embedded database as a job like any other (PGlite only)', async (ctx) => {
    if (!embedded) ctx.skip();
    const vacuum = app.moduleJobs.find((entry) => entry.job.queue === 'database.vacuum.v1')!.job;
    // The worker of this process runs it.
    const id = (await app.jobs.send(vacuum, {}))!;
    await expect.poll(async () => (await app.jobs.findJob(vacuum, id))?.state, { timeout: 30_000 }).toBe('completed');
  });
});
