import type { JSONColumnType } from 'kysely';

export type RetentionRunStatus = 'running' | 'completed';

/** What one step (a table and a category) removed so far. */
export type StepCount = { table: string; category: string; action: string; rows: number; files: number };

/** Progress of a run: a step listed in `done` is not visited again; counts grow with each batch's commit. */
export type RetentionProgress = {
  done: string[];
  counts: Record<string, StepCount>;
  /** Vault objects whose key went with a committed batch and whose ciphertext may not be deleted yet. */
  pendingObjects: string[];
  /** Per erasing step, the last subject it handled (subjects are visited in order, a kill resumes after it). */
  cursors?: Record<string, string>;
};

export interface RetentionTables {
  retention_runs: {
    id: string;
    /** The run's "now": a resumed run keeps it, so a kill does not change what the run removes. */
    as_of: Date;
    status: RetentionRunStatus;
    progress: JSONColumnType<RetentionProgress, string, string>;
    policy_version: number;
    certificate: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
    certificate_sha256: string | null;
    started_at: Date;
    completed_at: Date | null;
  };
  retention_aggregates: {
    table_name: string;
    category: string;
    /** The first day of the month the rows' retention clock started in. */
    period: string;
    rows: number;
  };
}
