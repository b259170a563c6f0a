import { resolve } from 'node:path';
import { isValidStorageKey } from '../storage/storage-key.js';

/** Where file bytes (encrypted) are kept: the data directory, or an S3-compatible bucket shared by every process. */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      /** '' or ending with '/'. */
      prefix: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      /** undefined: the AWS SDK's default chain (instance or task role, AWS_* variables, …). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

export type StorageEnv = {
  MESHVAULT_STORAGE_URL?: string | undefined;
  MESHVAULT_S3_ENDPOINT?: string | undefined;
  MESHVAULT_S3_REGION?: string | undefined;
  MESHVAULT_S3_ACCESS_KEY_ID?: string | undefined;
  MESHVAULT_S3_SECRET_ACCESS_KEY?: string | undefined;
  MESHVAULT_S3_FORCE_PATH_STYLE?: boolean | undefined;
};

// S3's rule for new buckets: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads the storage variables, which only make sense together; returns every problem at once (the
 * caller lists them with the other variables' problems).
 */
export function readStorageConfig(env: StorageEnv, dataDir: string): { storage: StorageConfig; problems: string[] } {
  const local: StorageConfig = { kind: 'local', dir: resolve(dataDir, 'files') };
  const problems: string[] = [];
  const s3Variables = (['MESHVAULT_S3_ENDPOINT', 'MESHVAULT_S3_REGION', 'MESHVAULT_S3_ACCESS_KEY_ID', 'MESHVAULT_S3_SECRET_ACCESS_KEY'] as const).filter(
    (name) => env[name] !== undefined,
  );
  const url = env.MESHVAULT_STORAGE_URL;
  if (url === undefined || url === '') {
    if (s3Variables.length > 0) problems.push(`MESHVAULT_STORAGE_URL: must be set (s3://bucket/prefix) when ${s3Variables.join(', ')} ${s3Variables.length > 1 ? 'are' : 'is'} set`);
    return { storage: local, problems };
  }
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(url);
  const bucket = match?.[1] ?? '';
  const prefix = (match?.[2] ?? '').replace(/\/+$/, '');
  if (!match) problems.push('MESHVAULT_STORAGE_URL: must be an s3://bucket/prefix URL (the prefix is optional)');
  else if (!BUCKET.test(bucket)) problems.push(`MESHVAULT_STORAGE_URL: "${bucket}" is not a bucket name (3-63 lower-case letters, digits, dots and hyphens)`);
  if (match && prefix !== '' && !isValidStorageKey(prefix)) {
    problems.push('MESHVAULT_STORAGE_URL: the prefix must be "/"-separated segments of letters, digits, ".", "_" and "-", each starting with a letter or digit');
  }
  const endpoint = env.MESHVAULT_S3_ENDPOINT;
  if (endpoint !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) {
    problems.push('MESHVAULT_S3_ENDPOINT: must be an http:// or https:// URL of the store, without a path (like https://minio.internal:9000)');
  }
  const region = env.MESHVAULT_S3_REGION ?? (endpoint !== undefined ? 'us-east-1' : undefined);
  if (region === undefined) problems.push('MESHVAULT_S3_REGION: must be set for AWS S3 (like eu-central-1); other stores default to us-east-1');
  else if (!/^[a-z0-9-]{2,32}$/.test(region)) problems.push('MESHVAULT_S3_REGION: must be a region name like eu-central-1');
  const keyId = env.MESHVAULT_S3_ACCESS_KEY_ID;
  const secret = env.MESHVAULT_S3_SECRET_ACCESS_KEY;
  if ((keyId === undefined) !== (secret === undefined)) {
    problems.push(
      `${keyId === undefined ? 'MESHVAULT_S3_ACCESS_KEY_ID' : 'MESHVAULT_S3_SECRET_ACCESS_KEY'}: must be set together with ${keyId === undefined ? 'MESHVAULT_S3_SECRET_ACCESS_KEY' : 'MESHVAULT_S3_ACCESS_KEY_ID'} (or neither, for the AWS default credentials)`,
    );
  }
  if (problems.length > 0) return { storage: local, problems };
  return {
    storage: {
      kind: 's3',
      bucket,
      prefix: prefix === '' ? '' : `${prefix}/`,
      region: region ?? 'us-east-1',
      endpoint: endpoint?.replace(/\/$/, ''),
      // Self-hosted stores (MinIO, Ceph, s3rver) need path-style URLs; AWS prefers virtual-hosted ones.
      forcePathStyle: env.MESHVAULT_S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
      credentials: keyId !== undefined && secret !== undefined ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
    },
    problems,
  };
}
