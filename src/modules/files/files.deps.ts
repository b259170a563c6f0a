import type { Kysely } from 'kysely';
import type { JobDefinition, JobQueue } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { MailService } from '../mail/index.js';
import type { ProjectsDb, TOperatorSettings } from '../projects/index.js';
import type { FileVault } from './file-vault.js';
import type { FilesTables } from './files.tables.js';

/** Files belong to projects: they read them (access, units) and write audit entries and notifications. */
export type FilesDb = FilesTables & ProjectsDb;

export type FilesBaseDeps = {
  db: Kysely<FilesDb>;
  mail: MailService;
  now: () => Date;
  publicUrl: string;
  log: Logger;
  fileVault: FileVault;
  jobs: Pick<JobQueue, 'send'>;
  operator: TOperatorSettings;
  /** From configuration: the largest upload, the accepted extensions (lower case, no dot), and after how many days an unfinished upload is discarded. */
  limits: { maxBytes: number; extensions: readonly string[]; abandonAfterDays: number };
};

export type AnalyzeJobPayload = { fileId: string };

export type FilesDeps = FilesBaseDeps & {
  analyzeJob: JobDefinition<AnalyzeJobPayload>;
  /** Uploads receiving a PATCH in this process right now (tus needs one writer per upload). */
  busyUploads: Set<string>;
};
