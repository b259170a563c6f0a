/**
 * A closed-loop HTTP load generator for the benchmarks, run in a child process of its own so that it
 * does not share the event loop of the server it measures: `connections` keep-alive connections each
 * send the next request as soon as the last answer arrives, for `seconds`. Benchmarks call
 * `measureHttpLoad`; the child is this same file run with `--child`.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export type HttpLoad = {
  url: string;
  /** More servers of one service (a load balancer's view): connection i sends to urls[i % n] instead of url. */
  urls?: string[];
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
};
export type HttpLoadResult = { requests: number; failures: number; perSecond: number; p50Ms: number; p99Ms: number };

/** Runs the load in a child process and returns what it measured. */
export async function measureHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(load)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as HttpLoadResult;
}

async function runLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const latencies: number[] = [];
  let failures = 0;
  const one = (url: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(url, { method: load.method ?? 'GET', headers: load.headers, agent }, (res) => {
        res.resume();
        res.once('end', () => {
          if (res.statusCode !== 200) failures++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.once('error', () => {
        failures++;
        resolve();
      });
      req.end(load.body);
    });
  const until = performance.now() + load.seconds * 1000;
  const began = performance.now();
  const urls = load.urls && load.urls.length > 0 ? load.urls : [load.url];
  await Promise.all(Array.from({ length: load.connections }, async (_, i) => {
    const url = urls[i % urls.length] ?? load.url;
    while (performance.now() < until) await one(url);
  }));
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, failures, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99) };
}

if (process.argv[2] === '--child') {
  const result = await runLoad(JSON.parse(process.argv[3]!) as HttpLoad);
  process.stdout.write(JSON.stringify(result));
}
