/**
 * `meshvault retention run` killed with SIGKILL in the middle of a run over many expired rows: run
 * again on the same embedded data directory, it finishes the run the dead process left (as of the
 * same moment) and ends with exactly one disposal certificate counting every row once; nothing
 * expired is left and the audit chain verifies.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/index.js';
import { ensureServerBuilt, SERVER_BUNDLE as cli } from '../server-bundle.js';
import { exitOf, withDataDir, seedDataDir } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-crash-retention-'));
// Many batches (of 5,000) of expired notices: the kill lands after the first one commits.
const ROWS = 30_000;

beforeAll(async () => {
  await Promise.all([ensureServerBuilt(), seedDataDir(dataDir)]);
}, 600_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * `meshvault retention run` as its own process: its output kept, and a promise of its first committed
 * batch of notices (its log lines, at debug level, go to stderr; the certificate to stdout).
 */
function retentionRun() {
  const child = spawn(process.execPath, [cli, 'retention', 'run'], {
    env: { ...process.env, MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'debug', MESHVAULT_TEST_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const firstNoticeBatch = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (/"step":"mail_outbox:[^"]*","rows":\d+,"msg":"retention batch committed"/.test(log)) resolve();
    });
  });
  return { child, output: () => out, firstNoticeBatch };
}

describe('SIGKILL during a retention run', () => {
  it('completes after a restart with exactly one certificate', async () => {
    await withDataDir(dataDir, async (app) => {
      await app.services.privacy.publishDefaultIfNone();
      // Notices (communications.notices: the default manifest keeps them three years) from four years ago.
      await sql`insert into mail_outbox (id, user_id, to_address, subject, body_text, kind, created_at, attempts)
        select gen_random_uuid(), null, 'someone' || g || '@example.com', 'Notice', 'Body ' || g, 'policy_notice', now() - interval '4 years' - g * interval '1 second', 0
        from generate_series(1, ${ROWS}) g`.execute(app.db);
    });

    const first = retentionRun();
    await first.firstNoticeBatch;
    const killed = exitOf(first.child);
    first.child.kill('SIGKILL');
    expect(await killed).toMatchObject({ signal: 'SIGKILL' });

    const midway = await withDataDir(dataDir, async (app) => ({
      runs: await app.db.selectFrom('retention_runs').select(['status']).execute(),
      left: Number((await sql<{ n: number }>`select count(*)::int as n from mail_outbox where kind = 'policy_notice'`.execute(app.db)).rows[0]?.n),
    }));
    expect(midway.runs).toEqual([{ status: 'running' }]);
    expect(midway.left).toBeGreaterThan(0);
    expect(midway.left).toBeLessThan(ROWS);

    const second = retentionRun();
    expect(await exitOf(second.child)).toMatchObject({ code: 0 });
    expect(second.output()).toContain('Finished the run a stopped process had left.');

    await withDataDir(dataDir, async (app) => {
      const runs = await app.db.selectFrom('retention_runs').select(['status', 'certificate']).execute();
      expect(runs).toHaveLength(1);
      expect(runs[0]?.status).toBe('completed');
      const certificate = runs[0]?.certificate as { disposed: Array<{ table: string; rows: number }> };
      expect(certificate.disposed.filter((d) => d.table === 'mail_outbox').reduce((n, d) => n + d.rows, 0)).toBe(ROWS);
      expect(Number((await sql<{ n: number }>`select count(*)::int as n from mail_outbox`.execute(app.db)).rows[0]?.n)).toBe(0);
      expect(await app.db.selectFrom('audit_log').select('action').where('action', '=', 'retention.certified').execute()).toHaveLength(1);
      expect((await verifyAuditChain(app.db)).ok).toBe(true);
    });
    // Three processes start on the embedded database and two walk thousands of rows: minutes on a shared CI machine.
  }, 600_000);
});
