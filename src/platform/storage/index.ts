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
