import { scrypt as scryptCb, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../errors/index.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * A backup file: `MVBACKUP1\n`, a 16-byte scrypt salt, then the vault's chunked AES-256-GCM format
 * (see platform/crypto) over newline-delimited JSON records:
 *   {"t":"meta", ...}  {"t":"table","name"}  {"t":"row","table","row"}  {"t":"file","path","size"}
 *   {"t":"object","key","size"} (an object of the installation's S3 bucket, read through its driver)
 *   {"t":"data","b64"} (a file's or an object's bytes, in pieces)  {"t":"end","rows","files"} (files counts both)
 * The key comes from a passphrase so a backup can be restored on a machine that lost everything.
 */
export const BACKUP_MAGIC = Buffer.from('MVBACKUP1\n');
export const SALT_SIZE = 16;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function deriveBackupKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  if (passphrase.length < 12) throw new AppError('bad_request', 'The backup passphrase must be at least 12 characters.');
  return scrypt(passphrase, salt, 32, SCRYPT);
}

export function newSalt(): Buffer {
  return randomBytes(SALT_SIZE);
}

export type BackupRecord =
  | { t: 'meta'; createdAt: string; format: 1; database: string; app: string }
  | { t: 'table'; name: string }
  | { t: 'row'; table: string; row: unknown }
  | { t: 'file'; path: string; size: number }
  | { t: 'object'; key: string; size: number }
  | { t: 'data'; b64: string }
  | { t: 'end'; rows: number; files: number };
