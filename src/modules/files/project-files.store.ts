import type { Queryable } from '../../platform/db/index.js';
import type { FilesTables } from './files.tables.js';

export async function listStoredFilesOfProjects(db: Queryable<FilesTables>, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id', 'original_name', 'storage_key', 'wrapped_key', 'project_id'])
    .where('project_id', 'in', projectIds)
    .orderBy('created_at')
    .execute();
}
