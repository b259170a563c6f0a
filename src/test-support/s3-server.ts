import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials (it checks signatures made with them). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export type TestS3Server = { endpoint: string; bucket: string; close(): Promise<void> };

/**
 * An S3-compatible server (s3rver, in this process, on a free port) over a temporary folder, with one
 * empty bucket: what the S3 storage driver and the multi-process tests talk to instead of AWS.
 */
export async function startTestS3Server(bucket = 'meshvault-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'meshvault-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
