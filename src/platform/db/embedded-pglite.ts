import type { PGlite } from '@electric-sql/pglite';
import { PglitePreparedStatements, type PgliteResult } from './pglite-prepared.js';

/**
 * What the database handle needs of an embedded PGlite, wherever it runs: in this thread
 * (`inProcessPglite`, for tests' in-memory databases) or in a worker thread of its own
 * (`startPgliteInWorker`, for a data directory: the server and the CLI).
 */
export interface EmbeddedPglite {
  /** One statement; with parameters, as a named prepared statement (PglitePreparedStatements). */
  query<R>(text: string, values: readonly unknown[]): Promise<PgliteResult<R>>;
  /** A text that may hold several statements (the simple-query protocol); the rows of the last. */
  exec(text: string): Promise<Record<string, unknown>[]>;
  /** As of the last call's end: calls are serialised by the caller (the handle's mutex). */
  isInTransaction(): boolean;
  /** The whole data directory as an uncompressed tarball, for a later start's `loadDataDir`. */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

export function inProcessPglite(pglite: PGlite): EmbeddedPglite {
  const statements = new PglitePreparedStatements(pglite);
  return {
    query: (text, values) => statements.query(text, values),
    exec: async (text) => (await pglite.exec(text)).at(-1)?.rows ?? [],
    isInTransaction: () => pglite.isInTransaction(),
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: () => pglite.close(),
  };
}

/**
 * An embedded PGlite still opening: each call waits for the opening, and fails with its error if it
 * failed. No transaction can have begun before it is open.
 */
export function embeddedOnceOpen(opening: Promise<EmbeddedPglite>): EmbeddedPglite {
  let open: EmbeddedPglite | undefined;
  opening.then(
    (embedded) => (open = embedded),
    () => {}, // each call reports it
  );
  return {
    query: async (text, values) => (await opening).query(text, values),
    exec: async (text) => (await opening).exec(text),
    isInTransaction: () => open?.isInTransaction() ?? false,
    dumpDataDir: async () => (await opening).dumpDataDir(),
    close: async () => {
      const embedded = await opening.catch(() => undefined);
      await embedded?.close();
    },
  };
}
