import { createVault, createVaultUploads, type MasterKeyRing, type Vault, type VaultUploads } from '../../platform/crypto/index.js';
import type { StorageDriver } from '../../platform/storage/index.js';

export type FileVault = ReturnType<typeof createFileVault>;

/**
 * The vault over the installation's storage with its master keys. The key ring can be replaced while
 * the app runs: a key rotation started over the control socket makes this process wrap new files under
 * the new primary key and unwrap the keys it re-wraps, without a restart.
 */
export function createFileVault(opts: { storage: StorageDriver; masterKeys: MasterKeyRing }) {
  let masterKeys = opts.masterKeys;
  let vault: Vault = createVault({ storage: opts.storage, masterKeys });
  let uploads: VaultUploads = createVaultUploads({ storage: opts.storage, masterKeys });
  return {
    storage: opts.storage,
    vault: () => vault,
    uploads: () => uploads,
    masterKeys: () => masterKeys,
    useMasterKeys(ring: MasterKeyRing) {
      masterKeys = ring;
      vault = createVault({ storage: opts.storage, masterKeys: ring });
      uploads = createVaultUploads({ storage: opts.storage, masterKeys: ring });
    },
  };
}

/** Objects are named by id, never by the customer's file name. */
export function storageKeyFor(fileId: string): string {
  return `files/${fileId}`;
}
