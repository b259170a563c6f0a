import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { FilesTables } from './files.tables.js';
import * as store from './project-files.store.js';

/**
 * For other modules, inside their work: the files of these projects, oldest first, with what opens
 * them in the vault (storage key and wrapped key) — e.g. to put a person's originals in their export.
 */
export async function listStoredFilesOfProjects(work: Work, projectIds: readonly string[]) {
  return store.listStoredFilesOfProjects(tablesOf<FilesTables>(work), projectIds);
}
