/**
 * Sign-in throughput beside bare argon2id verification with the same parameters, same run (issue #12).
 * Both sides are warmed up alike, then measured in interleaved rounds (the order alternating), and the
 * medians are compared; each round also records the CPU our process (argon2's pool threads included)
 * and, on PostgreSQL, the database's backends spent per request, which hold better than wall time on a
 * shared machine. Throughput is taken under load: SIGN_IN_BENCH_CONCURRENCY (4, as many as libuv's thread
 * pool runs argon2 at once) requests under way at a time, on both sides alike. With only 2 on 2 cores, a
 * sign-in's round trips and main-thread work leave a core without a verification to run meanwhile, and
 * the figure measures that latency rather than what the server can take (PGlite 0.53–0.68 against 0.74).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { hashPassword, verifyPassword } from '../src/modules/accounts/index.js';
import { createClient, latestMailTo, policyShown } from '../src/test-support/http-client.js';
import { createTestApp, type TestApp } from '../src/test-support/test-app.js';
import { testDatabaseTarget } from '../src/test-support/test-database.js';
import { benchRow, withCeiling, type BenchRow } from './bench-row.js';
import { cpuSecondsOfAll, mainThreadCpuSeconds, median, ownCpuSeconds } from './process-cpu.js';

const CONCURRENCY = Number(process.env.SIGN_IN_BENCH_CONCURRENCY ?? 4);
const WARM_UP = Number(process.env.SIGN_IN_BENCH_WARM_UP ?? 60);
const PER_ROUND = Number(process.env.SIGN_IN_BENCH_PER_ROUND ?? 80);
const ROUNDS = Number(process.env.SIGN_IN_BENCH_ROUNDS ?? 5);
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

type Round = { perSecond: number; cpuMs: number; mainThreadMs: number | null; backendMs: number | null };

/** The database's client backends serving this app (PostgreSQL only; PGlite runs in our process). */
async function backendPids(app: TestApp): Promise<number[]> {
  const r = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`.execute(app.db);
  return r.rows.map((row) => row.pid);
}

async function measureRound(n: number, task: () => Promise<void>, pids: readonly number[]): Promise<Round> {
  const backend0 = cpuSecondsOfAll(pids);
  const main0 = mainThreadCpuSeconds();
  const cpu0 = ownCpuSeconds();
  const t0 = performance.now();
  let started = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (started < n) {
      started++;
      await task();
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const backend1 = cpuSecondsOfAll(pids);
  const main1 = mainThreadCpuSeconds();
  return {
    perSecond: n / seconds,
    cpuMs: ((ownCpuSeconds() - cpu0) * 1000) / n,
    mainThreadMs: main0 === null || main1 === null ? null : ((main1 - main0) * 1000) / n,
    backendMs: backend0 === null || backend1 === null ? null : ((backend1 - backend0) * 1000) / n,
  };
}

export async function signInThroughput(): Promise<BenchRow> {
  const app = await createTestApp({ MESHVAULT_LOG_LEVEL: 'warn' });
  const postgres = testDatabaseTarget() !== null;
  try {
    const password = 'benchmark passphrase';
    const email = 'bench@example.com';
    const c = createClient(app);
    await c.post('/api/auth/sign-up', { name: 'Bench', email, password, ageConfirmed: true, policy: await policyShown(app) });
    await c.post('/api/auth/verify-email', { token: (await latestMailTo(app, email)).token });
    let sent = 0;
    const signIn = async () => {
      const i = sent++;
      // A distinct client address per request keeps the per-IP rate limit out of the measurement.
      const res = await app.http.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, headers: { 'user-agent': BROWSER } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    };
    const hash = await hashPassword(password);
    const verify = async () => {
      if (!(await verifyPassword(hash, password))) throw new Error('verify failed');
    };
    const pids = postgres ? await backendPids(app) : [];
    await measureRound(WARM_UP, signIn, pids);
    await measureRound(WARM_UP, verify, pids);
    const signIns: Round[] = [];
    const verifies: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternating which side goes first, so neither always follows the other's leftovers.
      if (r % 2 === 0) {
        signIns.push(await measureRound(PER_ROUND, signIn, pids));
        verifies.push(await measureRound(PER_ROUND, verify, pids));
      } else {
        verifies.push(await measureRound(PER_ROUND, verify, pids));
        signIns.push(await measureRound(PER_ROUND, signIn, pids));
      }
    }
    const ratios = signIns.map((s, i) => s.perSecond / verifies[i]!.perSecond);
    const signInRate = median(signIns.map((s) => s.perSecond));
    const verifyRate = median(verifies.map((v) => v.perSecond));
    const signInCpu = median(signIns.map((s) => s.cpuMs));
    const verifyCpu = median(verifies.map((v) => v.cpuMs));
    const backend = postgres ? signIns.map((s) => s.backendMs).filter((b): b is number => b !== null) : [];
    const mainThread = (rounds: Round[]) => rounds.map((r) => r.mainThreadMs).filter((m): m is number => m !== null);
    console.log(
      `sign-in (${postgres ? 'PostgreSQL' : 'PGlite'}), median of ${ROUNDS} interleaved rounds of ${PER_ROUND} after ${WARM_UP} warm-up each: ${signInRate.toFixed(1)}/s | bare argon2id verify (same parameters, concurrency ${CONCURRENCY}): ${verifyRate.toFixed(1)}/s | ratio ${median(ratios).toFixed(2)} (rounds ${ratios.map((x) => x.toFixed(2)).join(' ')})`,
    );
    console.log(
      `  CPU per request, our process: sign-in ${signInCpu.toFixed(2)} ms, verify ${verifyCpu.toFixed(2)} ms, overhead ${(signInCpu - verifyCpu).toFixed(2)} ms` +
        (mainThread(signIns).length > 0 ? ` | main thread: sign-in ${median(mainThread(signIns)).toFixed(2)} ms, verify ${median(mainThread(verifies)).toFixed(2)} ms` : '') +
        (backend.length > 0 ? ` | PostgreSQL backends per sign-in ${median(backend).toFixed(2)} ms (clock ticks of 10 ms over a round)` : postgres ? ' | PostgreSQL backends: not readable here' : ''),
    );
    // Every core busy with sign-ins all the time, each costing what it costs now (our process, and the
    // database's backends on the same machine): the most the ratio can be without spending less CPU.
    const cores = availableParallelism();
    const signInCpuAll = signInCpu + (backend.length > 0 ? median(backend) : 0);
    const mostPerSecond = (cores / signInCpuAll) * 1000;
    const ceiling = mostPerSecond / verifyRate;
    console.log(`  ceiling here: ${cores} cores busy all the time at ${signInCpuAll.toFixed(2)} ms of CPU per sign-in make ${mostPerSecond.toFixed(1)}/s, ratio ${ceiling.toFixed(2)}`);
    const row = benchRow(`sign-in throughput, ${postgres ? 'PostgreSQL' : 'PGlite'}`, signInRate, '/s', `bare argon2id verify, concurrency ${CONCURRENCY}`, verifyRate, postgres ? 'ratio ≥ 0.85' : 'ratio ≥ 0.7');
    return withCeiling(row, ceiling);
  } finally {
    await app.dispose();
  }
}
