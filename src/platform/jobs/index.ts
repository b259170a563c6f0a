/**
 * Background jobs on pg-boss, in the application's own database (PGlite or PostgreSQL).
 *
 *   const deliverMail = defineJob({ name: 'mail.deliver', version: 1, schema: ZDeliver, handler });
 *   const jobs = createJobQueue({ handle, log, role: 'all' });   // 'api' sends but runs nothing
 *   await jobs.work(deliverMail);                                 // every process registers every job
 *   await jobs.start();
 *   await db.transaction().execute(async (trx) => {
 *     await insertMessage(trx, message);
 *     await jobs.send(deliverMail, { messageId }, { transaction: trx });  // queued only if this commits
 *   });
 *   // on SIGTERM: await jobs.stop({ graceful: true, timeoutMs }); then await handle.close();
 *   await jobs.drain();   // or, with no worker (the 'api' role, tests): run every due job now, in this process
 *
 * On PGlite the whole database is one connection: inside a Kysely transaction, always pass it as
 * `transaction`, since a send through the queue's own connection would wait for that transaction forever.
 * Payloads carry ids, not personal data, and must be plain JSON objects.
 */
export { databaseJobs } from './database-jobs.js';
export { defineJob, EMPTY_PAYLOAD, type JobContext, type JobDefinition, type JobPayload, type JobPolicy, type JobSpec, type ModuleJob } from './job-definition.js';
export { type DrainOptions, type DrainReport } from './job-drain.js';
export { createKyselyJobExecutor, type JobSqlExecutor, type QueryRunner } from './job-executor.js';
export {
  createJobQueue,
  type JobQueue,
  type JobQueueOptions,
  type JobRecord,
  type JobRole,
  type JobSchedule,
  type JobState,
  type SendJobOptions,
  type StopOptions,
} from './job-queue.js';
