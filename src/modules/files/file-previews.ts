import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { FilesBaseDeps } from './files.deps.js';
import * as store from './file-previews.store.js';
import type { FilesTables } from './files.tables.js';

/** A preview written to the vault and not yet recorded: its object name, its wrapped data key, its size. */
export type PreviewObject = { storageKey: string; wrappedKey: string; size: number };

/**
 * Encrypts a preview (a GLB, see models/preview.ts) into the vault under a data key of its own and a
 * fresh name, so a retried analysis never collides with an object a failed attempt left. The caller
 * records it in its work (`recordPreview`) or, if that does not happen, discards it.
 */
export async function writePreviewObject(deps: Pick<FilesBaseDeps, 'fileVault'>, glb: Uint8Array): Promise<PreviewObject> {
  const storageKey = `previews/${randomUUID()}`;
  const info = await deps.fileVault.vault().writeFile(storageKey, glb);
  return { storageKey, wrappedKey: info.wrappedKey, size: info.plaintextSize };
}

/** Records the preview of a file in the caller's work; false if the file already has one. */
export async function recordPreview(work: Work, file: { id: string; project_id: string }, object: PreviewObject, now: Date): Promise<boolean> {
  return store.insertPreview(tablesOf<FilesTables>(work), {
    file_id: file.id,
    project_id: file.project_id,
    wrapped_key: object.wrappedKey,
    storage_key: object.storageKey,
    size_bytes: object.size,
    created_at: now,
  });
}

/** Frees the space of a preview object whose key is gone (or was never recorded); a failure only leaves noise behind. */
export async function discardPreviewObject(deps: Pick<FilesBaseDeps, 'fileVault'>, storageKey: string): Promise<void> {
  await deps.fileVault.storage.delete(storageKey).catch(() => undefined);
}
