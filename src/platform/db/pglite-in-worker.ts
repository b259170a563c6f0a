import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/index.js';
import type { EmbeddedPglite } from './embedded-pglite.js';
import type { PgliteResult } from './pglite-prepared.js';
import { fromCrossingError, type WorkerReply, type WorkerRequest, type WorkerStart } from './pglite-worker-protocol.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
/** A request before it is given its id. */
type Request = { [Op in WorkerRequest['op']]: Omit<Extract<WorkerRequest, { op: Op }>, 'id'> }[WorkerRequest['op']];

/**
 * An embedded database with a data directory, run in a worker thread of its own (pglite-worker.ts).
 * PGlite runs Postgres on the thread that calls it: in the server's own thread, its start (some 0.4 s
 * of WebAssembly) waited for the app's modules to load, or they for it, and every query held the event
 * loop. In a worker, the database opens while the app loads, and queries run beside requests.
 *
 * The worker holds the process open only while a request is out, so a command that forgets to close
 * its database still exits. Resolves once the database is open; rejects with its error if it cannot open.
 */
export async function startPgliteInWorker(start: WorkerStart): Promise<EmbeddedPglite> {
  const [entry, options] = workerEntry();
  const worker = new Worker(entry, { ...options, workerData: start });
  const remote = new PgliteInWorker(worker);
  await remote.opened.catch((error: unknown) => {
    // The operator's to fix (a damaged or foreign directory), said plainly: no stack.
    throw new AppError('unavailable', `Could not open the embedded database in ${start.dir}: ${error instanceof Error ? error.message : String(error)}`);
  });
  worker.unref();
  return remote;
}

/**
 * From dist/ the worker's entry is JavaScript. From src/ (tsx, vitest) it is TypeScript, and a worker
 * thread takes no `--import tsx`: a short script registers tsx's loader in the thread, then imports it.
 */
function workerEntry(): [string, { eval?: boolean }] {
  if (!import.meta.url.endsWith('.ts')) return [fileURLToPath(new URL('./pglite-worker.js', import.meta.url)), {}];
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./pglite-worker.ts', import.meta.url).href;
  return [`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true }];
}

class PgliteInWorker implements EmbeddedPglite {
  readonly opened: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private inTransaction = false;
  /** Set once the worker has gone, by a close or otherwise: every later call fails with it. */
  private gone: Error | null = null;

  constructor(private readonly worker: Worker) {
    this.opened = new Promise((resolve, reject) => {
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') resolve();
        else if (reply.type === 'start-failed') reject(fromCrossingError(reply.error));
        else this.settle(reply);
      });
      worker.on('error', (error) => {
        reject(error);
        this.end(error);
      });
      worker.on('exit', (code) => {
        const error = new Error(`The embedded database's worker thread exited (code ${code})`);
        reject(error);
        this.end(error);
      });
    });
    this.opened.catch(() => {});
  }

  async query<R>(text: string, values: readonly unknown[]): Promise<PgliteResult<R>> {
    return (await this.request({ op: 'query', text, values })) as PgliteResult<R>;
  }

  async exec(text: string): Promise<Record<string, unknown>[]> {
    return (await this.request({ op: 'exec', text })) as Record<string, unknown>[];
  }

  isInTransaction(): boolean {
    return this.inTransaction;
  }

  async dumpDataDir(): Promise<Blob> {
    return (await this.request({ op: 'dump' })) as Blob;
  }

  async close(): Promise<void> {
    if (this.gone) return;
    await this.request({ op: 'close' });
    this.end(new Error('PGlite is closed'));
  }

  private request(request: Request): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(reply: Extract<WorkerReply, { type: 'reply' }>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    this.inTransaction = reply.inTransaction;
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(fromCrossingError(reply.error));
  }

  private end(error: Error): void {
    this.gone ??= error;
    this.inTransaction = false;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}
