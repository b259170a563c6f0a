import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf, type Work } from '../../platform/unit-of-work/index.js';
import { auditStaffRead } from '../projects/index.js';
import { requireFileAccess } from './file-access.js';
import * as previews from './file-previews.store.js';
import type { FilesDeps } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import type { FilesTables, PreviewRow } from './files.tables.js';

/**
 * A file's light preview (GLB), for whoever may download the file; a staff read is audited as a
 * download is. Previews are small (see models/preview.ts), so it is decrypted whole before answering:
 * tampering anywhere is a clean 422. 404 when the file has none (analysed before previews existed,
 * rejected, or still being analysed).
 */
export async function openPreview(deps: FilesDeps, principal: Principal, fileId: string, ctx: RequestContext) {
  const preview = await deps.uow.run(byPrincipal(principal, ctx), async (work) => {
    const { access } = await requireFileAccess(work, principal, fileId);
    const row = await previews.findPreview(tablesOf<FilesTables>(work), fileId);
    if (!row) throw filesErrors.previewNotFound();
    await auditStaffRead(work, access, 'file_preview', { fileId });
    return row;
  });
  return decryptPreview(deps, preview);
}

/**
 * The preview of a model its owner published for everyone to see (the configurator's products, whose
 * staff chose the file): the caller has decided that it may be shown, so no project access is asked.
 */
export async function openPublishedPreview(deps: FilesDeps, fileId: string) {
  const row = await previews.findPreview(deps.db, fileId);
  if (!row) throw filesErrors.previewNotFound();
  return decryptPreview(deps, row);
}

/** A model file `principal` may read, as a product's model: its name and whether it has a preview. */
export async function describeModelFile(work: Work, principal: Principal, fileId: string) {
  const { file, access } = await requireFileAccess(work, principal, fileId);
  const preview = await previews.findPreview(tablesOf<FilesTables>(work), fileId);
  await auditStaffRead(work, access, 'file', { fileId });
  return { id: file.id, name: file.original_name, status: file.status, hasPreview: preview !== undefined };
}

async function decryptPreview(deps: FilesDeps, preview: Pick<PreviewRow, 'storage_key' | 'wrapped_key'>) {
  const plaintext = await deps.fileVault.vault().readFile(preview.storage_key, preview.wrapped_key);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of plaintext) chunks.push(chunk as Buffer);
  } finally {
    plaintext.destroy();
  }
  return Buffer.concat(chunks);
}
