import type { JSONColumnType, Selectable } from 'kysely';
import type { TBuildVolumeFit, TModelAnalysis } from '../models/index.js';

export type FileStatus = 'uploaded' | 'analysed' | 'rejected';

export interface FilesTables {
  file_uploads: {
    id: string;
    project_id: string;
    uploaded_by: string | null;
    original_name: string;
    upload_length: number;
    wrapped_key: string | null;
    storage_key: string;
    created_at: Date;
    completed_at: Date | null;
    /** The one writer's lease (upload-writer-lease.ts): any API process may hold it, until writer_until. */
    writer_token: string | null;
    writer_until: Date | null;
  };
  files: {
    id: string;
    project_id: string;
    uploaded_by: string | null;
    original_name: string;
    size_bytes: number;
    sha256: string;
    wrapped_key: string;
    storage_key: string;
    status: FileStatus;
    analysis: JSONColumnType<TModelAnalysis | null, string | null, string | null>;
    build_volume_fit: JSONColumnType<TBuildVolumeFit[] | null, string | null, string | null>;
    rejection_reason: string | null;
    created_at: Date;
    analysed_at: Date | null;
  };
  /** A file's light preview (a GLB made at analysis), encrypted under its own data key; see file-previews.ts. */
  file_previews: {
    file_id: string;
    project_id: string;
    wrapped_key: string;
    storage_key: string;
    size_bytes: number;
    created_at: Date;
  };
}

export type FileRow = Selectable<FilesTables['files']>;
export type UploadRow = FilesTables['file_uploads'];
export type PreviewRow = FilesTables['file_previews'];
