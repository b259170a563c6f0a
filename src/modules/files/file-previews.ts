import { randomUUID } from 'node:crypto';
import { tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import type { FilesBaseDeps } from './files.deps.js';
import * as store from './file-previews.store.js';
import type { FilesTables } from './files.tables.js';

/** A preview written to the vault and not yet recorded: its object name, its wrapped data key, its size. */
export type PreviewObject = { storageKey: string; wrappedKey: string; size: number };

/**
 * Writes a preview object (when there is one) and hands it to `record`, which records it in a unit of
 * work (`recordPreview`) and answers whether it kept it. An object not kept — the work found nothing
 * to attach it to, found a preview already there, or rolled back — is discarded, so no preview object
 * outlives its record. Answers whether the preview was kept.
 */
export async function storePreview(deps: Pick<FilesBaseDeps, 'fileVault'>, glb: Uint8Array | null, record: (object: PreviewObject | null) => Promise<boolean>): Promise<boolean> {
  const object = glb ? await writePreviewObject(deps, glb) : null;
  let kept = false;
  try {
    kept = await record(object);
    return kept;
  } finally {
    if (object && !kept) await discardPreviewObject(deps, object.storageKey);
  }
}

/**
 * Encrypts a preview (a GLB, see models/preview.ts) into the vault under a data key of its own and a
 * fresh name, so a retried analysis never collides with an object a failed attempt left.
 */
async function writePreviewObject(deps: Pick<FilesBaseDeps, 'fileVault'>, glb: Uint8Array): Promise<PreviewObject> {
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
