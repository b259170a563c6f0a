/**
 * The worker thread an embedded database with a data directory runs in (pglite-in-worker.ts starts it):
 * PGlite runs Postgres as WebAssembly on the thread that calls it, so here its start and every query
 * leave the server's event loop free (issue #12).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inProcessPglite, type EmbeddedPglite } from './embedded-pglite.js';
import { toCrossingError, type WorkerReply, type WorkerRequest, type WorkerStart } from './pglite-worker-protocol.js';
import { startPglite } from './pglite-start.js';

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);

let db: EmbeddedPglite;
try {
  db = inProcessPglite(await startPglite(workerData as WorkerStart));
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'start-failed', error: toCrossingError(error) });
  port.close();
}

// Requests come one at a time (the handle's mutex), but are queued here too, in their order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => answer(request));
});

async function answer(request: WorkerRequest): Promise<void> {
  try {
    const result = await run(request);
    post({ type: 'reply', id: request.id, ok: true, result, inTransaction: inTransaction(request) });
  } catch (error) {
    post({ type: 'reply', id: request.id, ok: false, error: toCrossingError(error), inTransaction: inTransaction(request) });
  }
  if (request.op === 'close') port.close();
}

function run(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return db.query(request.text, request.values);
    case 'exec':
      return db.exec(request.text);
    case 'dump':
      return db.dumpDataDir();
    case 'close':
      return db.close();
  }
}

/** A closed PGlite has no transaction, and may not be asked. */
function inTransaction(request: WorkerRequest): boolean {
  if (request.op === 'close') return false;
  try {
    return db.isInTransaction();
  } catch {
    return false;
  }
}
