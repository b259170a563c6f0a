import { quietAwsSdkNodeVersionWarning, type StorageConfig } from '../config/index.js';
import { createLocalStorageDriver } from './local-storage-driver.js';
import type { StorageDriver } from './storage-driver.js';

/**
 * The storage the configuration names. The S3 driver (and with it the AWS SDK) is loaded only when
 * configured, so an embedded installation never loads it; its bucket is checked at once, so a wrong
 * bucket or credentials stop the start with the reason instead of failing the first upload.
 */
export async function openStorage(config: StorageConfig): Promise<{ driver: StorageDriver; close(): void }> {
  if (config.kind === 'local') return { driver: createLocalStorageDriver({ rootDir: config.dir }), close: () => {} };
  quietAwsSdkNodeVersionWarning();
  const { createS3StorageDriver } = await import('./s3-storage-driver.js');
  const driver = createS3StorageDriver(config);
  try {
    await driver.checkReachable();
  } catch (error) {
    driver.close();
    throw new Error(
      `The object store of MESHVAULT_STORAGE_URL (bucket "${config.bucket}"${config.endpoint ? ` at ${config.endpoint}` : ''}) cannot be used: ${error instanceof Error ? error.message : String(error)} Check the bucket, the endpoint and the credentials.`,
      { cause: error },
    );
  }
  return { driver, close: () => driver.close() };
}
