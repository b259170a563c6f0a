import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createClusterApart } from './pglite-cluster.js';

/**
 * PGlite's buffer cache (PostgreSQL's shared_buffers), in MiB, unless MESHVAULT_DATABASE_BUFFERS_MB
 * says otherwise. PostgreSQL's own default, 128 MB, is sized for a server of its own; inside ours,
 * PGlite zeroes all of it at every start and it stays resident (issue #12). At 32 MB the database
 * opened in 0.53–0.68 s instead of 0.79–1.17 s, with 110 MiB less resident memory. A page that is not
 * in the cache is read from the operating system's cache through PGlite's file layer: about 27 µs
 * more per page, measured on a table of 244 MB with a working set between the two sizes.
 */
export const EMBEDDED_SHARED_BUFFERS_MB = 32;

/** What PGlite starts Postgres with: its own parameters, and the buffer cache. */
export function pgliteStartParams(sharedBuffersMb = EMBEDDED_SHARED_BUFFERS_MB): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
}

/**
 * Where a PGlite starts: a data directory (`dir`, made by initdb in a child process when new), or memory
 * (`dir: null`), from a data directory saved by `dumpDataDir` (`loadDataDir`) or empty.
 */
export type PgliteStart = { dir: string | null; loadDataDir?: Blob; sharedBuffersMb?: number };

/** A PGlite database started as `openDatabase` starts one, without a handle over it yet. */
export async function startPglite(target: PgliteStart): Promise<PGlite> {
  const startParams = pgliteStartParams(target.sharedBuffersMb);
  if (target.dir) {
    mkdirSync(target.dir, { recursive: true });
    if (!target.loadDataDir) await createClusterApart(target.dir, startParams);
  }
  return PGlite.create(target.dir ?? 'memory://', {
    startParams,
    // Postgres returns bigint (int8) as a string; counts and ids we use fit in a JS number.
    parsers: { 20: (v: string) => Number(v) },
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
}
