import { wrappedKeyMasterId, type MasterKeyRing } from '../../platform/crypto/index.js';
import { CLI_ACTOR } from '../../platform/unit-of-work/index.js';
import type { FilesDeps } from './files.deps.js';
import * as previews from './file-previews.store.js';
import * as store from './files.store.js';

const PAGE = 200;

/**
 * Key rotation, step 2: from now on this process wraps under the ring's primary key, and every stored
 * file key (and every key of a file's preview, and of an upload in progress) is re-wrapped under it. The ciphertext is not
 * touched. Idempotent: keys already under the primary are skipped, so an interrupted run is run again.
 */
export async function rewrapAllKeys(deps: FilesDeps, ring: MasterKeyRing) {
  deps.fileVault.useMasterKeys(ring);
  const vault = deps.fileVault.vault();
  const counts = { files: 0, previews: 0, uploads: 0, alreadyCurrent: 0 };
  const pages = {
    files: { list: store.listFileKeysAfter, replace: store.replaceFileKey },
    previews: { list: previews.listPreviewKeysAfter, replace: previews.replacePreviewKey },
    uploads: { list: store.listUploadKeysAfter, replace: store.replaceUploadKey },
  };
  for (const table of ['files', 'previews', 'uploads'] as const) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await pages[table].list(deps.db, after, PAGE);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.id;
        if (row.wrapped_key === null) continue;
        if (wrappedKeyMasterId(row.wrapped_key) === ring.primary.id) {
          counts.alreadyCurrent++;
          continue;
        }
        const rewrapped = vault.rewrapKey(row.wrapped_key);
        await pages[table].replace(deps.db, row.id, row.wrapped_key, rewrapped);
        counts[table]++;
      }
    }
  }
  await deps.uow.run({ actor: CLI_ACTOR }, async (work) => {
    await work.audit({ action: 'files.keys_rewrapped', details: { masterKeyId: ring.primary.id, ...counts } });
  });
  return { masterKeyId: ring.primary.id, ...counts };
}
