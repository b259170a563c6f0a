import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors/index.js';
import type { AnalyzeModelStreamOptions } from './analyze-model.js';
import type { ChildAnswer, ChildRequest } from './analysis-protocol.js';
import { modelLimitsForMemory, type ModelLimits } from './limits.js';
import type { TModelAnalysis } from './models.schema.js';

export interface ModelAnalyser {
  /** The limits the child analyses with, derived from the memory budget (the upload limit follows them). */
  readonly limits: Readonly<ModelLimits>;
  /**
   * Analyses the bytes of `source` in a child process and gives back the in-process result object whole.
   * Refusals are AppErrors as from `analyzeModelStream`; a child killed for memory is `payload_too_large`
   * with `details.reason === 'memory'`; a child that died otherwise is `unavailable` with `details.reason === 'crashed'` (worth a retry).
   */
  analyze(source: Readable, options?: AnalyzeModelStreamOptions & { signal?: AbortSignal }): Promise<ChildAnalysis>;
}

export interface ChildAnalysis {
  analysis: TModelAnalysis;
  /** A light preview of the mesh (see preview.ts), or null when none could be made. */
  preview: Uint8Array | null;
  /** The child's peak resident set size. */
  peakRssBytes: number;
}

export interface ModelAnalyserOptions {
  /** The most memory (resident set) one analysis may use, in MiB: the operator's budget. */
  memoryMb: number;
  /** Limits to use instead of the ones derived from the budget (tests that must reach the watchdog). */
  limits?: Partial<ModelLimits>;
  /** Called with each child once forked (tests). */
  onChild?: (child: ChildProcess) => void;
}

export const memoryRefusal = 'The model needs more memory than this installation allows for one model. Simplify or split it.';

/** How often the watchdog reads the child's resident set size. */
const watchIntervalMs = 20;

/**
 * Runs analyses one at a time, each in a fresh child process, so that one file can never take the
 * server's memory: the child is killed when its resident set passes the budget. The V8 heap flag alone
 * is no cap (the mesh lives in typed arrays outside the heap), so a watchdog reads /proc/<pid>/status.
 */
export function createModelAnalyser(options: ModelAnalyserOptions): ModelAnalyser {
  const limits = { ...modelLimitsForMemory(options.memoryMb), ...options.limits };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    limits,
    analyze(source, analyzeOptions = {}) {
      const run = queue.then(() => runChild(source, { ...analyzeOptions, limits: { ...limits, ...analyzeOptions.limits } }, options));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

function childEntry(): { file: string; execArgv: string[] } {
  // From src/ (tsx, vitest) the entry is TypeScript and needs the tsx loader; from dist/ it is JavaScript.
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(fromSource ? './analysis-child.ts' : './analysis-child.js', import.meta.url));
  return { file, execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

async function runChild(
  source: Readable,
  options: AnalyzeModelStreamOptions & { signal?: AbortSignal },
  analyser: ModelAnalyserOptions,
): Promise<ChildAnalysis> {
  const budgetBytes = analyser.memoryMb * 1024 * 1024;
  const { file, execArgv } = childEntry();
  const child = fork(file, [], {
    execArgv: [...execArgv, `--max-old-space-size=${analyser.memoryMb}`],
    serialization: 'advanced',
    // The child parses hostile files: it gets none of the server's environment (keys, database URL).
    env: {},
    stdio: ['pipe', 'ignore', 'pipe', 'ipc'],
  });
  analyser.onChild?.(child);
  let killedForMemory = false;
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('latin1')).slice(-4096);
  });

  const watchdog = setInterval(() => {
    void residentBytes(child.pid).then((rss) => {
      if (rss !== null && rss > budgetBytes && child.exitCode === null) {
        killedForMemory = true;
        child.kill('SIGKILL');
      }
    });
  }, watchIntervalMs);
  const abort = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abort, { once: true });

  const answered = new Promise<ChildAnswer | null>((resolve) => {
    let answer: ChildAnswer | null = null;
    child.on('message', (message) => {
      answer = message as ChildAnswer;
    });
    child.on('exit', () => resolve(answer));
    child.on('error', () => resolve(answer));
  });
  const { signal: _signal, ...childOptions } = options;
  const request: ChildRequest = { options: childOptions };
  // A child gone early (it refused the file after its first bytes, or died) makes these writes fail
  // with EPIPE: not an error here, its exit is what counts. An error of the source itself (storage,
  // decryption) is the installation's, and wins over whatever the child made of the cut-off input.
  child.stdin?.on('error', () => undefined);
  child.send(request, (error) => void error);
  const fed: { error: Error | null } = { error: null };
  source.once('error', (error: Error) => {
    fed.error = error;
    child.stdin?.destroy();
  });
  if (child.stdin) source.pipe(child.stdin);

  try {
    const answer = await answered;
    if (fed.error !== null) throw fed.error;
    if (answer?.ok === true) return { analysis: answer.analysis, preview: answer.preview, peakRssBytes: answer.peakRssBytes };
    if (answer?.ok === false) throw new AppError(answer.error.code, answer.error.message, answer.error.details);
    if (options.signal?.aborted === true) throw new AppError('unavailable', 'The model analysis was stopped.');
    if (killedForMemory || /heap out of memory|Reached heap limit|allocation failed/i.test(stderrTail)) {
      throw new AppError('payload_too_large', memoryRefusal, { reason: 'memory', memoryMb: analyser.memoryMb });
    }
    throw new AppError('unavailable', 'The model analyser stopped unexpectedly.', { reason: 'crashed', exitCode: child.exitCode, signal: child.signalCode });
  } finally {
    clearInterval(watchdog);
    options.signal?.removeEventListener('abort', abort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    source.destroy();
  }
}

/** VmRSS of a process from /proc (Linux); null where there is no /proc or the process is gone. */
async function residentBytes(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'latin1');
    const kb = /VmRSS:\s*(\d+)\s*kB/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}
