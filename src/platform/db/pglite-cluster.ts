import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `dir` holds an embedded cluster already (initdb has run there). */
export function hasEmbeddedCluster(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/**
 * Makes a new embedded cluster (initdb) in `dir`, when there is none yet, in a short-lived child
 * process whose Postgres starts as the server's will (`startParams`: pgliteStartParams). Made in this
 * process, initdb's own WebAssembly instance (some 350 MiB) stays allocated until a full garbage
 * collection, which an idle server may not run for days: a server measured 869 MiB resident after its
 * first start against 408 MiB after any later one (now, with a 32 MB buffer cache, 257–271 MiB after
 * either). The child inherits the umask, so the files are as private as the server's own.
 */
export async function createClusterApart(dir: string, startParams: string[]): Promise<void> {
  if (hasEmbeddedCluster(dir)) return;
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)});
const pg = await PGlite.create(process.argv[1], { startParams: JSON.parse(process.argv[2]) });
await pg.close();`;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script, dir, JSON.stringify(startParams)]);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`Could not create the embedded database in ${dir}${stderr ? `: ${stderr.split('\n').at(-1)}` : ''}`, { cause: error });
  }
}
