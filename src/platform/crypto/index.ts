export {
  VAULT_CHUNK_SIZE,
  VAULT_FORMAT_VERSION,
  DATA_KEY_SIZE,
  ciphertextOffsetOfChunk,
  formatFromHeader,
  layoutFromCiphertextSize,
  VAULT_FORMAT_V1,
  VAULT_FORMAT_V2,
  type VaultFormat,
  type VaultLayout,
} from './chunk-format.js';
export { ChunkEncryptor, createChunkEncryptor, type ChunkEncryptorOptions } from './chunk-encryptor.js';
export { ChunkDecryptor, createChunkDecryptor, type ChunkDecryptorOptions } from './chunk-decryptor.js';
export { generateDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey, wrappedKeyMasterId } from './data-key.js';
export {
  createMasterKeyRing,
  masterKeyId,
  parseMasterKey,
  MASTER_KEY_SIZE,
  type MasterKey,
  type MasterKeyRing,
} from './master-keys.js';
export {
  addPrimaryKeyToFile,
  loadOrCreateMasterKeys,
  MASTER_KEY_FILE_NAME,
  type LoadMasterKeysOptions,
} from './master-key-file.js';
export {
  createVault,
  type PlaintextFile,
  type PlaintextSource,
  type Vault,
  type VaultDeps,
  type VaultFileInfo,
  type VaultWriteSource,
} from './vault.js';
export {
  createVaultUploads,
  VAULT_CHECKSUM_ALGORITHMS,
  type VaultChecksum,
  type VaultChecksumAlgorithm,
  type VaultAppendInput,
  type VaultAppendResult,
  type VaultUploads,
  type VaultUploadsDeps,
  type VaultUploadState,
  type VaultUploadStatus,
} from './vault-upload.js';
export { createSecretToken, hashToken } from './secret-tokens.js';
export { signLink, verifyLink } from './signed-links.js';
export { isSealedSecret, openSecret, resealSecret, sealSecret } from './sealed-secrets.js';
