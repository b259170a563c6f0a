import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { TBuildVolumeFit, TModelAnalysis } from '../models/index.js';
import * as store from './files.store.js';
import type { FileStatus, FilesTables } from './files.tables.js';

export type FileAnalysis = {
  id: string;
  name: string;
  /** uploaded: its analysis is pending; analysed: `analysis` and `buildVolumeFit` hold it; rejected: unusable. */
  status: FileStatus;
  analysis: TModelAnalysis | null;
  buildVolumeFit: TBuildVolumeFit[] | null;
};

/** A project's files as pricing sees them (quotes), oldest first, read in the caller's unit of work. */
export async function listProjectFileAnalyses(work: Work, projectId: string): Promise<FileAnalysis[]> {
  const rows = await store.listFileAnalysesOfProject(tablesOf<FilesTables>(work), projectId);
  return rows.map((f) => ({ id: f.id, name: f.original_name, status: f.status, analysis: f.analysis, buildVolumeFit: f.build_volume_fit }));
}
