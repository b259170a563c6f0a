/**
 * Master keys for an installation: from configuration (MESHVAULT_MASTER_KEY, passed in by the caller —
 * only platform/config reads the environment) and/or from `<dataDir>/master.key`, which is created on
 * first start so the embedded default needs no setup.
 *
 * File format: one base64 key per line, the first line is the primary; lines starting with '#' are
 * comments. The file must be readable by its owner only (mode 0600); a wider mode is refused, as ssh does,
 * because anyone who reads it can read every stored file.
 *
 * When keys are configured they come first (the first one becomes the primary) and the file's keys, if a
 * file exists, stay usable for unwrapping, so moving from the file to configuration loses nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/index.js';
import { createMasterKeyRing, MASTER_KEY_SIZE, parseMasterKey, type MasterKeyRing } from './master-keys.js';

export const MASTER_KEY_FILE_NAME = 'master.key';

const FILE_COMMENT =
  '# Meshvault master keys. Anyone with this file can read every stored file: keep it secret and backed up\n' +
  '# apart from the data. First line: the primary key; older keys below it stay usable until rotated away.\n';

export interface LoadMasterKeysOptions {
  dataDir: string;
  /** Base64 keys from configuration, primary first. Empty or omitted: use (or create) the key file. */
  configuredKeys?: string | readonly string[] | undefined;
}

export async function loadOrCreateMasterKeys(options: LoadMasterKeysOptions): Promise<MasterKeyRing> {
  const configured = [options.configuredKeys ?? []].flat().map(parseMasterKey);
  const path = join(options.dataDir, MASTER_KEY_FILE_NAME);
  const fromFile = await readMasterKeyFile(path);
  if (configured.length > 0) return createMasterKeyRing([...configured, ...(fromFile ?? [])]);
  if (fromFile !== null) return createMasterKeyRing(fromFile);
  return createMasterKeyRing(await createMasterKeyFile(options.dataDir, path));
}

/**
 * Rotation, step 1: puts a new random primary key at the top of the key file, keeping the old ones for
 * unwrapping. Step 2 (a CLI command) re-wraps every file's data key with `rewrapDataKey`; step 3 removes
 * the old key from the file once nothing uses it. Returns the new key ring.
 */
export async function addPrimaryKeyToFile(dataDir: string): Promise<MasterKeyRing> {
  const path = join(dataDir, MASTER_KEY_FILE_NAME);
  const existing = (await readMasterKeyFile(path)) ?? [];
  const keys = [randomBytes(MASTER_KEY_SIZE), ...existing];
  const temp = join(dataDir, `.${MASTER_KEY_FILE_NAME}.tmp-${randomUUID()}`);
  await writeSecretFile(temp, formatKeyFile(keys));
  await rename(temp, path);
  await fsyncDirectory(dataDir);
  return createMasterKeyRing(keys);
}

async function readMasterKeyFile(path: string): Promise<Buffer[] | null> {
  let content: string;
  try {
    const info = await stat(path);
    if ((info.mode & 0o077) !== 0) {
      throw new AppError(
        'unavailable',
        `The master key file ${path} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); run \`chmod 600 ${path}\` and start again.`,
      );
    }
    content = await readFile(path, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
  const lines = content
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) {
    throw new AppError('unavailable', `The master key file ${path} holds no key; restore it from your backup.`);
  }
  try {
    return lines.map(parseMasterKey);
  } catch (error) {
    throw new AppError('unavailable', `The master key file ${path} is damaged: ${(error as Error).message}`);
  }
}

async function createMasterKeyFile(dataDir: string, path: string): Promise<Buffer[]> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_SIZE);
  const temp = join(dataDir, `.${MASTER_KEY_FILE_NAME}.tmp-${randomUUID()}`);
  await writeSecretFile(temp, formatKeyFile([key]));
  try {
    // link() refuses to replace: if an API and a worker process start together, exactly one key file wins.
    await link(temp, path);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    key.fill(0);
    const winner = await readMasterKeyFile(path);
    if (winner === null) throw error;
    return winner;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await fsyncDirectory(dataDir);
  return [key];
}

function formatKeyFile(keys: readonly Buffer[]): string {
  return FILE_COMMENT + keys.map((key) => key.toString('base64')).join('\n') + '\n';
}

async function writeSecretFile(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
