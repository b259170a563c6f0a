/**
 * SHA-256 on a thread of its own, for the vault's writes: hashing a file takes as long as encrypting
 * it, so with the hash beside the encryption a large write finishes in about half the time on two
 * cores (issue #12). The bytes are not copied to the thread: they sit in a SharedArrayBuffer that both
 * sides see, and the caller must leave a region alone until its `update` has resolved.
 *
 * One worker per process, started on first use and kept; it holds no reference to the event loop
 * while it has nothing to do, so a command that wrote a file still exits. Each hash is one `id` on it.
 * If the worker dies, every hash under way fails (the write fails with it and keeps nothing) and the
 * next one starts a new worker.
 */
import { Worker } from 'node:worker_threads';

/**
 * The worker, as plain CommonJS text rather than a file: it needs only node:crypto, and the same text
 * runs whether the server is run from source (tsx), from dist/ or from the bundle.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ op, id, memory, offset, length }) => {
  if (op === 'open') {
    hashes.set(id, { hash: createHash('sha256'), memory });
    return;
  }
  const entry = hashes.get(id);
  if (op === 'drop' || entry === undefined) {
    hashes.delete(id);
    return;
  }
  if (op === 'update') {
    entry.hash.update(new Uint8Array(entry.memory, offset, length));
    parentPort.postMessage({ id });
  } else if (op === 'digest') {
    hashes.delete(id);
    parentPort.postMessage({ id, digest: entry.hash.digest('hex') });
  }
});
`;

type Reply = { id: number; digest?: string };
type Waiter = { resolve: (reply: Reply) => void; reject: (error: Error) => void };
/** A hash's callers waiting for answers, in the order of its messages (the worker answers in that order). */
type Waiting = { waiters: Waiter[]; closed: boolean };

interface HashWorker {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** Messages not answered yet, of every hash: while there are any, the worker keeps the process alive. */
  pending: number;
}

let current: HashWorker | undefined;
let nextId = 1;

function hashWorker(): HashWorker {
  if (current) return current;
  // No execArgv of this process: with --input-type=module, say, the text would be read as a module.
  const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'vault-hash', execArgv: [] });
  const state: HashWorker = { worker, waiting: new Map(), pending: 0 };
  worker.unref();
  worker.on('message', (reply: Reply) => {
    state.pending -= 1;
    if (state.pending === 0) worker.unref();
    const waiting = state.waiting.get(reply.id);
    const waiter = waiting?.waiters.shift();
    if (waiting?.closed && waiting.waiters.length === 0) state.waiting.delete(reply.id);
    waiter?.resolve(reply);
  });
  const fail = (error: Error): void => {
    if (current === state) current = undefined;
    const waiters = [...state.waiting.values()].flatMap((waiting) => waiting.waiters);
    state.waiting.clear();
    state.pending = 0;
    worker.unref();
    for (const waiter of waiters) waiter.reject(error);
  };
  worker.on('error', (error) => fail(new Error('the vault hash thread failed', { cause: error })));
  worker.on('exit', (code) => fail(new Error(`the vault hash thread stopped (exit code ${code})`)));
  current = state;
  return state;
}

function ask(state: HashWorker, id: number, message: object): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const waiting = state.waiting.get(id);
    if (waiting === undefined) {
      reject(new Error('the vault hash thread stopped during this hash'));
      return;
    }
    waiting.waiters.push({ resolve, reject });
    // Something is awaited on the thread: keep the process alive until it answers.
    if (state.pending === 0) state.worker.ref();
    state.pending += 1;
    state.worker.postMessage(message);
  });
}

export interface ThreadHash {
  /** Hashes `length` bytes of the shared memory from `offset`; resolves once they may be overwritten. */
  update(offset: number, length: number): Promise<void>;
  /** The hex SHA-256 of everything given to `update`, in order; the hash is done with. */
  digest(): Promise<string>;
  /** Forgets the hash without a result (a write that failed). */
  drop(): void;
}

/** A new SHA-256 on the hash thread over regions of `memory`. */
export function startThreadHash(memory: SharedArrayBuffer): ThreadHash {
  const state = hashWorker();
  const id = nextId++;
  const waiting: Waiting = { waiters: [], closed: false };
  state.waiting.set(id, waiting);
  state.worker.postMessage({ op: 'open', id, memory });
  const close = (): void => {
    if (waiting.closed) throw new Error('this hash is already finished');
    waiting.closed = true;
  };
  return {
    async update(offset, length) {
      if (waiting.closed) throw new Error('this hash is already finished');
      await ask(state, id, { op: 'update', id, offset, length });
    },
    async digest() {
      close();
      const reply = await ask(state, id, { op: 'digest', id });
      if (reply.digest === undefined) throw new Error('the vault hash thread gave no digest');
      return reply.digest;
    },
    drop() {
      if (waiting.closed) return;
      close();
      // Updates already sent are still answered, so whoever waits on them is not left waiting.
      if (waiting.waiters.length === 0) state.waiting.delete(id);
      if (current === state) state.worker.postMessage({ op: 'drop', id });
    },
  };
}

/** Stops the hash thread: hashes under way fail, and the next hash starts a new thread. */
export async function stopHashThread(): Promise<void> {
  const state = current;
  if (state === undefined) return;
  current = undefined;
  await state.worker.terminate();
}
