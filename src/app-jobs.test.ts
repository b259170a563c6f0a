import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support/test-app.js';

/** What each module's <domain>.jobs.ts lists: the app registers every job and schedules those with a schedule. */
const QUEUES = ['privacy.notify-change.v1', 'files.analyze.v1', 'models.analyze.v1', 'files.discard-abandoned.v1', 'files.backfill-previews.v1', 'rights.export.v1', 'rights.erase.v1', 'rights.remind.v1', 'retention.run.v1', 'support.purge-unconfirmed.v1', 'legal-holds.end-lapsed.v1', 'subscriptions.renew.v1', 'marketing.send-campaign.v1', 'integrations.deliver.v1'];

let app: TestApp;
beforeAll(async () => {
  // The worker role: only it schedules.
  app = await createTestApp({}, { role: 'all' });
  await app.startJobs();
}, 60_000);
afterAll(async () => app?.dispose());

describe('module jobs', () => {
  it('registers every job of every module', async () => {
    for (const queue of QUEUES) expect(await app.jobs.countQueued(queue.replace(/\.v\d+$/, '')), queue).toBe(0);
    const listed = app.moduleJobs.map((entry) => entry.job.queue);
    expect(listed.sort()).toEqual([...QUEUES].sort());
  });

  it('schedules the scheduled ones, in UTC, and nothing else', async () => {
    const schedules = (await app.jobs.listSchedules()).sort((a, b) => a.queue.localeCompare(b.queue));
    expect(schedules).toEqual([
      { queue: 'files.backfill-previews.v1', cron: '45 3 * * *', timezone: 'UTC' },
      { queue: 'files.discard-abandoned.v1', cron: '30 3 * * *', timezone: 'UTC' },
      { queue: 'legal-holds.end-lapsed.v1', cron: '7 0 * * *', timezone: 'UTC' },
      { queue: 'retention.run.v1', cron: '45 2 * * *', timezone: 'UTC' },
      { queue: 'rights.remind.v1', cron: '0 7 * * *', timezone: 'UTC' },
      { queue: 'subscriptions.renew.v1', cron: '23 * * * *', timezone: 'UTC' },
      { queue: 'support.purge-unconfirmed.v1', cron: '17 * * * *', timezone: 'UTC' },
    ]);
  });
});
