export { createBackup, type CreateBackupOptions, type BackupSummary } from './create-backup.js';
export { restoreBackup, type RestoreBackupOptions } from './restore-backup.js';
export { pruneBackups, readBackupCreatedAt, type PruneResult } from './prune-backups.js';
