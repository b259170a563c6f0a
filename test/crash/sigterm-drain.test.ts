/**
 * SIGTERM drains: requests already in flight are answered, the process then exits on its own with
 * code 0 and leaves no lock or control socket behind.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../server-bundle.js';
import { exitOf, linesLogged, logLineSeen, requestsReceived, signUp, startServerProcess, waitReady, seedDataDir } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-drain-'));
const port = 20000 + Math.floor(Math.random() * 1000);
beforeAll(async () => {
  await Promise.all([ensureServerBuilt(), seedDataDir(dataDir)]);
}, 600_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('answers the requests in flight, then exits cleanly', async () => {
    const server = startServerProcess(dataDir, port, { logLevel: 'info' });
    await waitReady(server);
    const exited = exitOf(server);
    // Sign-ups hash a password (tens of milliseconds): they are still running when the signal lands.
    // The signal is sent once the server has received all five: a request that arrives after it
    // is rightly refused (503 or connection refused), which is not what this test is about.
    const received = requestsReceived(server, '/api/auth/sign-up', 5);
    const inFlight = Array.from({ length: 5 }, (_, i) => signUp(port, `drain${i}@example.com`));
    await received;
    server.kill('SIGTERM');
    const statuses = await Promise.all(inFlight.map((p) => p.then((r) => r.status, (e: Error) => e.message)));
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'meshvault.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'control.sock'))).toBe(false);
  }, 300_000);

  it('sent while the server starts, stops it once started, drained, not killed halfway', async () => {
    const server = startServerProcess(dataDir, port, { logLevel: 'info' });
    const exited = exitOf(server);
    const drained = logLineSeen(server, 'draining before exit');
    // Fastify says it listens before the jobs start and `meshvault serve` says it is running.
    await linesLogged(server, (line) => line.includes('"msg":"Server listening at'));
    server.kill('SIGTERM');
    expect(await Promise.race([drained.then(() => 'drained'), exited.then(() => 'exited without draining')])).toBe('drained');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'meshvault.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'control.sock'))).toBe(false);
  }, 300_000);
});
