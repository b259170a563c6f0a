/**
 * Retention over RETENTION_BENCH_ROWS expired rows (default 100,000; set 1000000 for the issue's
 * million) beside a plain `DELETE` of the same rows, in the same run: the registry-driven engine
 * (the manifest's rule found through the registry, batches of 5,000 each in its own audited
 * transaction with its progress, then a disposal certificate) against one statement that knows the
 * table and the cut-off by heart. The rows are notices of the mail outbox, four years old, which the
 * default manifest keeps three years. Embedded PGlite, as `npm start` runs by default.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createApp } from '../src/app.js';
import type { Database } from '../src/database.js';
import { loadConfig } from '../src/platform/config/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/log/index.js';
import { benchRow, type BenchRow } from './bench-row.js';

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

async function seedExpired(db: Kysely<unknown>, rows: number) {
  await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts)
    select gen_random_uuid(), null, 'someone' || g || '@example.com', 'Notice', 'Body ' || g, 'policy_notice', now() - interval '4 years' - g * interval '1 second', 0
    from generate_series(1, ${rows}) g`.execute(db);
}

const count = async (db: Kysely<unknown>) => Number((await sql<{ n: number }>`select count(*)::int as n from mail_outbox`.execute(db)).rows[0]?.n);

export default async function (): Promise<BenchRow[]> {
  const rows = Number(process.env.RETENTION_BENCH_ROWS ?? 100_000);
  if (!Number.isInteger(rows) || rows < 1000) throw new Error('RETENTION_BENCH_ROWS must be a whole number of at least 1000');
  const dataDir = await mkdtemp(join(tmpdir(), 'meshvault-retention-bench-'));
  const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0' });
  const database = await openDatabase<Database>({ kind: 'pglite', dir: null });
  const app = await createApp({ config, log: createLogger('silent'), database });
  try {
    await app.services.privacy.publishDefaultIfNone();
    const db = app.db as unknown as Kysely<unknown>;

    await seedExpired(db, rows);
    const engine = await timed(() => app.services.retention.runRetention());
    const disposed = engine.result.certificate.disposed.filter((d) => d.table === 'mail_outbox').reduce((n, d) => n + d.rows, 0);
    if (disposed !== rows || (await count(db)) !== 0) throw new Error(`retention removed ${disposed} of ${rows} rows`);

    await seedExpired(db, rows);
    const plain = await timed(() => sql`delete from mail_outbox where created_at < now() - interval '3 years'`.execute(db));
    if ((await count(db)) !== 0) throw new Error('the plain delete left rows');

    console.log(`retention: ${rows} expired rows in ${engine.seconds.toFixed(2)} s (${Math.round(rows / engine.seconds)} rows/s); plain DELETE: ${plain.seconds.toFixed(2)} s (${Math.round(rows / plain.seconds)} rows/s)`);
    return [
      benchRow(`retention run, ${rows} expired rows`, engine.seconds, 's', 'plain DELETE of the same rows', plain.seconds, 'a small multiple of the plain DELETE (batches, audit, certificate)'),
      benchRow(`retention throughput, ${rows} rows`, rows / engine.seconds, 'rows/s', 'plain DELETE', rows / plain.seconds, 'same order of magnitude'),
    ];
  } finally {
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
