export type {
  StorageBody,
  StorageDriver,
  StorageObjectInfo,
  StoragePutOptions,
  StorageRange,
} from './storage-driver.js';
export { assertStorageKey, assertStoragePrefix, isValidStorageKey } from './storage-key.js';
export {
  createLocalStorageDriver,
  type LocalStorageDriver,
  type LocalStorageDriverOptions,
} from './local-storage-driver.js';
export { piecesOf } from './batched-file-writer.js';
export { openStorage } from './open-storage.js';
export type { S3StorageDriver, S3StorageDriverOptions } from './s3-storage-driver.js';
