export type ExportStatus = 'queued' | 'building' | 'ready' | 'failed' | 'expired';

export interface DataExportTables {
  data_exports: {
    id: string;
    user_id: string;
    requested_by: string | null;
    status: ExportStatus;
    storage_key: string;
    wrapped_key: string | null;
    size_bytes: number | null;
    sha256: string | null;
    link_nonce_hash: string | null;
    link_expires_at: Date | null;
    created_at: Date;
    completed_at: Date | null;
    downloaded_at: Date | null;
    error: string | null;
  };
}

export type ExportRow = DataExportTables['data_exports'];
