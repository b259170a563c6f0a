import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { controlSocketPath } from '../server/control-socket.js';
import { forwardToServer, withAbsolutePaths } from './forward-to-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'meshvault-forward-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A server that dies in the middle of `backup create`, the way a killed one does: it has begun the
 * partial file, then its connection drops without an answer. What it received is kept.
 */
async function dyingServer() {
  const received: { argv: string[]; env: unknown }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { argv, env } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { argv: string[]; env: unknown };
      received.push({ argv, env });
      writeFileSync(`${argv[2]}.partial`, 'MVBACKUP1\nhalf an archive');
      res.socket?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(controlSocketPath(dataDir), resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a command handed to the running server', () => {
  it('names files by absolute path, since the server runs in another directory', () => {
    expect(withAbsolutePaths(['backup', 'create', 'nightly.mvb', '--passphrase-file', 'secret'], '/home/op')).toEqual([
      'backup',
      'create',
      '/home/op/nightly.mvb',
      '--passphrase-file',
      '/home/op/secret',
    ]);
    expect(withAbsolutePaths(['backup', 'restore', '--passphrase-file=pp', '/backups/a.mvb'], '/home/op')).toEqual(['backup', 'restore', '--passphrase-file=/home/op/pp', '/backups/a.mvb']);
    expect(withAbsolutePaths(['user', 'create', '--email', 'a@b.c'], '/home/op')).toEqual(['user', 'create', '--email', 'a@b.c']);
    expect(withAbsolutePaths(['manifest', 'check', 'policy.yaml'], '/home/op')).toEqual(['manifest', 'check', '/home/op/policy.yaml']);
  });

  it('reports a server that died during a backup plainly, and leaves no partial archive', async () => {
    const server = await dyingServer();
    const cwd = mkdtempSync(join(tmpdir(), 'meshvault-cwd-'));
    try {
      // The passphrase the caller configured goes with the command.
      const config = { dataDir, backupPassphrase: 'a long backup passphrase' };
      const result = await forwardToServer({ config, argv: ['backup', 'create', 'nightly.mvb'], cwd, serverPid: 4242 });
      expect(server.received).toEqual([{ argv: ['backup', 'create', join(cwd, 'nightly.mvb')], env: { MESHVAULT_BACKUP_PASSPHRASE: 'a long backup passphrase' } }]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^Error: the Meshvault server \(pid 4242\) did not answer `backup create` \(\w+\); it has probably stopped\. No backup was written\.\n$/);
      expect(existsSync(join(cwd, 'nightly.mvb.partial'))).toBe(false);
      expect(existsSync(join(cwd, 'nightly.mvb'))).toBe(false);
    } finally {
      await server.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
