import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS, startTestS3Server, type TestS3Server } from '../../test-support/s3-server.js';
import { describeStorageDriverContract, expectAppError, listKeys, readText } from '../../test-support/storage-driver-contract.js';
import { createS3StorageDriver, type S3StorageDriver } from './s3-storage-driver.js';

let server: TestS3Server;
let prefixes = 0;

beforeAll(async () => {
  server = await startTestS3Server();
});
afterAll(async () => {
  await server?.close();
});

/** Each test gets its own prefix in the one bucket: the driver must see nothing outside it. */
function openDriver(options: { partSize?: number } = {}): S3StorageDriver {
  prefixes += 1;
  return createS3StorageDriver({
    bucket: server.bucket,
    prefix: `run-${prefixes}/`,
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    ...options,
  });
}

describeStorageDriverContract('S3 storage driver', async () => {
  const driver = openDriver();
  return { driver, close: async () => driver.close() };
});

describe('S3 storage driver', () => {
  it('writes a body larger than one part as a multipart upload, and reads any range of it', async () => {
    const driver = openDriver({ partSize: 5 * 1024 * 1024 });
    const bytes = randomBytes(11 * 1024 * 1024 + 17);
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 700_001) yield bytes.subarray(at, at + 700_001);
    }
    expect(await driver.put('big/object', pieces())).toEqual({ size: bytes.length });
    const back = createHash('sha256');
    for await (const chunk of await driver.read('big/object')) back.update(chunk as Buffer);
    expect(back.digest('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    const middle = Buffer.concat(await (await driver.read('big/object', { offset: 5 * 1024 * 1024 - 3, length: 6 })).toArray());
    expect(middle.equals(bytes.subarray(5 * 1024 * 1024 - 3, 5 * 1024 * 1024 + 3))).toBe(true);
    driver.close();
  });

  it('keeps the previous object when a multipart body fails after its first part', async () => {
    const driver = openDriver({ partSize: 5 * 1024 * 1024 });
    await driver.put('obj', Buffer.from('previous'));
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(6 * 1024 * 1024, 1);
      yield Buffer.alloc(6 * 1024 * 1024, 2);
      throw new Error('client went away');
    }
    await expect(driver.put('obj', failing())).rejects.toThrow('client went away');
    expect(await readText(driver, 'obj')).toBe('previous');
    expect(await listKeys(driver, '')).toEqual(['obj']);
    driver.close();
  });

  it('starts on a bucket that already holds objects (a second process, a restore, a backup)', async () => {
    const driver = openDriver();
    await driver.put('ab/one', Buffer.from('one'));
    await driver.put('ab/two', Buffer.from('two'));
    await driver.checkReachable();
    driver.close();
  });

  // (A HEAD of a missing bucket is a bare 404, like a missing key: hence the check at start-up.)
  it('says at start-up when the bucket does not exist', async () => {
    const driver = createS3StorageDriver({ bucket: 'no-such-bucket', prefix: '', region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    await expectAppError(driver.checkReachable(), 'unavailable');
    await expectAppError(driver.read('a'), 'unavailable');
    driver.close();
  });
});
