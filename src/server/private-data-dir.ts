import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../platform/config/index.js';
import { AppError } from '../platform/errors/index.js';

/** Group and others: none of their bits may stay on anything in the data directory. */
const NOT_OWNER = 0o077;

/**
 * The data directory holds the database, the encrypted files and the master key that opens them. At
 * every start (server or CLI) everything this process creates from then on is private to its user
 * (umask 077), and what already exists is made so: the data directory and its entries (db/, files/,
 * master.key, …) lose every group/other bit, and so does everything under db/, whose files PGlite
 * created with the process' umask. The vault under files/ is not walked (it can hold millions of
 * objects, all encrypted): its folder being 0700 already keeps everyone else out.
 *
 * Refuses, with a message and no stack, a data directory owned by another user that others may write
 * to (someone may have put or replaced files in it), and one it cannot make private.
 *
 * Returns what `makeDatabaseFilesPrivate` needs after the database is opened.
 */
export function makeDataDirPrivate(config: Pick<Config, 'dataDir' | 'database'>): DatabaseFilesBefore {
  process.umask(0o077);
  const { dataDir } = config;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // stat, not lstat: a data directory may well be a symlink to a volume; what counts is the folder.
  const info = statSync(dataDir);
  const me = process.getuid?.();
  if (me !== undefined && info.uid !== me && (info.mode & 0o022) !== 0) {
    throw new AppError(
      'forbidden',
      `Meshvault will not start: the data directory ${dataDir} belongs to another user (uid ${info.uid}) and others may write to it, so its files cannot be trusted. Make it belong to the user Meshvault runs as and private (chown -R <user> ${dataDir} && chmod 700 ${dataDir}).`,
    );
  }
  const before = { databaseExisted: config.database.kind === 'pglite' && existsSync(config.database.dir) };
  try {
    makePrivate(dataDir);
    for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isFile()) makePrivate(join(dataDir, entry.name));
    }
    if (config.database.kind === 'pglite') makeTreePrivate(config.database.dir);
    return before;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new AppError(
      'forbidden',
      `Meshvault will not start: ${e.path ?? dataDir} cannot be made private to the user it runs as (${e.code ?? e.message}). Make the data directory and everything in it belong to that user.`,
    );
  }
}

export type DatabaseFilesBefore = { databaseExisted: boolean };

/**
 * PGlite sets its files' modes itself (0666, whatever the umask), so a database it has just created is
 * walked again once open. An existing one was walked before opening; files PGlite adds to it stay
 * inside the 0700 db/ and are tightened at the next start, so it is not walked twice per start.
 */
export function makeDatabaseFilesPrivate(config: Pick<Config, 'database'>, before: DatabaseFilesBefore): void {
  if (config.database.kind === 'pglite' && !before.databaseExisted) makeTreePrivate(config.database.dir);
}

function makeTreePrivate(dir: string) {
  const info = lstatSync(dir, { throwIfNoEntry: false });
  if (!info?.isDirectory()) return;
  makePrivate(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeTreePrivate(path);
    else if (entry.isFile()) makePrivate(path);
  }
}

function makePrivate(path: string) {
  const mode = lstatSync(path).mode & 0o777;
  if ((mode & NOT_OWNER) !== 0) chmodSync(path, mode & ~NOT_OWNER);
}
