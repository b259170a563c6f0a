import type { Principal, RequestContext } from '../../platform/http/index.js';
import { byPrincipal, tablesOf } from '../../platform/unit-of-work/index.js';
import { auditStaffRead } from '../projects/index.js';
import { requireFileAccess } from './file-access.js';
import * as previews from './file-previews.store.js';
import type { FilesDeps } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import type { FilesTables } from './files.tables.js';

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
  const plaintext = await deps.fileVault.vault().readFile(preview.storage_key, preview.wrapped_key);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of plaintext) chunks.push(chunk as Buffer);
  } finally {
    plaintext.destroy();
  }
  return Buffer.concat(chunks);
}
