/**
 * A server killed with SIGKILL while sign-ups are in flight: after a restart on the same embedded
 * data directory, every account that exists is whole (its audit entry and verification e-mail
 * exist too) and the audit chain verifies — no half-created account.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/database.js';
import { verifyAuditChain } from '../../src/modules/audit/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { openDatabase } from '../../src/platform/db/index.js';
import { createLogger } from '../../src/platform/log/index.js';
import { ensureServerBuilt } from '../server-bundle.js';
import { exitOf, requestsReceived, signUp, startServerProcess, waitReady, seedDataDir } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-crash-'));
const port = 19000 + Math.floor(Math.random() * 1000);

beforeAll(async () => {
  await Promise.all([ensureServerBuilt(), seedDataDir(dataDir)]);
}, 600_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGKILL during sign-up', () => {
  it('leaves no half-created account', async () => {
    const server = startServerProcess(dataDir, port, { logLevel: 'info' });
    await waitReady(server);
    // The sign-up route allows 20 a minute from one address: send 19 together and kill the process
    // once it has received them all, while they are still hashing or committing.
    const received = requestsReceived(server, '/api/auth/sign-up', 19);
    const inFlight = Array.from({ length: 19 }, (_, i) => signUp(port, `crash${i}@example.com`).catch(() => null));
    await received;
    const exited = exitOf(server);
    server.kill('SIGKILL');
    await exited;
    await Promise.all(inFlight);

    // Reopen the same directory, as a restart would, and inspect it.
    const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent' });
    const database = await openDatabase<Database>(config.database);
    const app = await createApp({ config, log: createLogger('silent'), database, role: 'api' });
    try {
      const users = await app.db.selectFrom('users').select(['id', 'email', 'role']).where('role', '=', 'customer').execute();
      for (const user of users) {
        const audit = await app.db.selectFrom('audit_log').select('id').where('subject_id', '=', user.id).where('action', '=', 'accounts.signed_up').execute();
        const mail = await app.db.selectFrom('mail_outbox').select('id').where('user_id', '=', user.id).execute();
        const token = await app.db.selectFrom('email_tokens').select('token_hash').where('user_id', '=', user.id).execute();
        expect({ email: user.email, audit: audit.length, mail: mail.length, token: token.length }).toEqual({ email: user.email, audit: 1, mail: 1, token: 1 });
      }
      expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });
    } finally {
      await app.close();
      await database.close();
    }
  }, 300_000); // two on-disk PGlite starts and a build on a loaded 2-core machine
});
