export { defineJob, type JobContext, type JobDefinition, type JobPayload, type JobPolicy, type JobSpec } from './job-definition.js';
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
