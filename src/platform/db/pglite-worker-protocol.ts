/** The messages between the database handle and the worker thread its PGlite runs in (pglite-worker.ts). */
import type { PgliteStart } from './pglite-start.js';

/** A start from a data directory: the worker's databases are never in memory nor loaded from a dump. */
export type WorkerStart = Pick<PgliteStart, 'sharedBuffersMb'> & { dir: string };

export type WorkerRequest =
  | { id: number; op: 'query'; text: string; values: readonly unknown[] }
  | { id: number; op: 'exec'; text: string }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** An error as it crosses: its message, name and own fields (a DatabaseError's SQLSTATE `code`, `detail`, …). */
export type CrossingError = { name: string; message: string; [field: string]: unknown };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'start-failed'; error: CrossingError }
  | { type: 'reply'; id: number; ok: true; result: unknown; inTransaction: boolean }
  | { type: 'reply'; id: number; ok: false; error: CrossingError; inTransaction: boolean };

export function toCrossingError(error: unknown): CrossingError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  // PGlite adds the query's options to its errors; nothing of ours reads them, and they need not clone.
  const { queryOptions: _options, ...fields } = error as Error & Record<string, unknown>;
  return { ...fields, name: error.name, message: error.message };
}

/** The error thrown on this side: its stack is the caller's here, its fields those of the worker's error. */
export function fromCrossingError(crossing: CrossingError): Error {
  const { message, ...fields } = crossing;
  return Object.assign(new Error(message), fields);
}
