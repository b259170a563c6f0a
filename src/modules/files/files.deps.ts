import type { Kysely } from 'kysely';
import type { JobDefinition } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { UnitOfWork } from '../../platform/unit-of-work/index.js';
import type { ModelAnalyser } from '../models/index.js';
import type { TOperatorSettings } from '../projects/index.js';
import type { FileVault } from './file-vault.js';
import type { FilesTables } from './files.tables.js';

/** Files keep their own tables; projects answer for access and owners, the unit of work for audit, mail and jobs. */
export type FilesBaseDeps = {
  db: Kysely<FilesTables>;
  uow: UnitOfWork;
  now: () => Date;
  log: Logger;
  fileVault: FileVault;
  operator: TOperatorSettings;
  /** From configuration: the largest upload, the accepted extensions (lower case, no dot), and after how many days an unfinished upload is discarded. */
  limits: { maxBytes: number; extensions: readonly string[]; abandonAfterDays: number };
  /** Analyses uploads in a child process within the operator's memory budget. */
  analyser: ModelAnalyser;
};

export type AnalyzeJobPayload = { fileId: string };

export type FilesDeps = FilesBaseDeps & {
  analyzeJob: JobDefinition<AnalyzeJobPayload>;
};

