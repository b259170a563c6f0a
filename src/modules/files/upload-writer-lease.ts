/**
 * One writer per upload across every API process (tus allows one PATCH at a time): a lease on the
 * upload's row, taken before the body is read and given back after. The holder renews it while the body
 * streams; if the holder's process dies, the lease runs out and the client resumes on any process.
 * A lease lost while writing (the database unreachable past the lease) is no danger to the data: parts
 * are created with overwrite: false, so of two writers at one offset only one stores its part.
 */
import { randomUUID } from 'node:crypto';
import type { FilesDeps } from './files.deps.js';
import { filesErrors } from './files.errors.js';
import * as store from './files.store.js';

/** How long a lease lasts without renewal: the longest a client waits after a writer process died. */
export const UPLOAD_WRITER_LEASE_MS = 30_000;
const RENEW_EVERY_MS = UPLOAD_WRITER_LEASE_MS / 3;

/** Runs `write` holding the upload's lease; refuses with "busy" (409) while another request holds it. */
export async function withUploadWriter<T>(deps: Pick<FilesDeps, 'db' | 'log'>, uploadId: string, write: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  if (!(await store.claimUploadWriter(deps.db, uploadId, token, UPLOAD_WRITER_LEASE_MS))) throw filesErrors.uploadBusy();
  const renewal = setInterval(() => {
    store.renewUploadWriter(deps.db, uploadId, token, UPLOAD_WRITER_LEASE_MS).then(
      (held) => {
        if (!held) deps.log.warn({ uploadId }, 'upload writer lease lost while writing');
      },
      (error: unknown) => deps.log.warn({ uploadId, err: error }, 'upload writer lease not renewed'),
    );
  }, RENEW_EVERY_MS);
  renewal.unref();
  try {
    return await write();
  } finally {
    clearInterval(renewal);
    await store.releaseUploadWriter(deps.db, uploadId, token);
  }
}

export function isUploadBeingWritten(deps: Pick<FilesDeps, 'db'>, uploadId: string): Promise<boolean> {
  return store.isUploadBeingWritten(deps.db, uploadId);
}
