import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStorageDriverContract, expectAppError, listKeys as listKeysOf, readText as readTextOf } from '../../test-support/storage-driver-contract.js';
import { createLocalStorageDriver, type LocalStorageDriver } from './local-storage-driver.js';

describeStorageDriverContract('local storage driver', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'meshvault-storage-'));
  return { driver: createLocalStorageDriver({ rootDir: join(dir, 'files') }), close: () => rm(dir, { recursive: true, force: true }) };
});

let rootDir: string;
let driver: LocalStorageDriver;

beforeEach(async () => {
  rootDir = await mkdtemp(join(tmpdir(), 'meshvault-storage-'));
  driver = createLocalStorageDriver({ rootDir: join(rootDir, 'files') });
});

afterEach(async () => {
  await rm(rootDir, { recursive: true, force: true });
});

const readText = (key: string) => readTextOf(driver, key);
const listKeys = (prefix: string) => listKeysOf(driver, prefix);

async function allNamesOnDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String);
}

describe('local storage driver on disk', () => {
  it('prunes emptied folders and leaves no temporary files behind', async () => {
    await driver.put('x/y/z', Buffer.alloc(10));
    await driver.put('p/1', Buffer.from('first'), { overwrite: false });
    await expectAppError(driver.put('p/1', Buffer.from('second'), { overwrite: false }), 'conflict');
    expect((await allNamesOnDisk(driver.rootDir)).sort()).toEqual(['p', 'p/1', 'x', 'x/y', 'x/y/z']);
    await driver.delete('x/y/z');
    await driver.delete('p/1');
    expect(await allNamesOnDisk(driver.rootDir)).toEqual([]);
  });

  it('joins parts with the first one copied by the kernel: same bytes, owner-only, no temporary file left', async () => {
    const parts = [randomBytes(3 * 1024 * 1024 + 7), randomBytes(1), randomBytes(200_000)];
    for (const [i, part] of parts.entries()) await driver.put(`u.parts/${i}`, part);
    // A part readable by others must not make the joined object so.
    await chmod(join(driver.rootDir, 'u.parts', '0'), 0o644);
    const keys = parts.map((_, i) => `u.parts/${i}`);
    expect(await driver.compose('u', keys, { overwrite: false })).toEqual({ size: parts.reduce((sum, part) => sum + part.length, 0) });
    expect((await readFile(join(driver.rootDir, 'u'))).equals(Buffer.concat(parts))).toBe(true);
    expect((await stat(join(driver.rootDir, 'u'))).mode & 0o777).toBe(0o600);
    expect(await driver.compose('one', keys.slice(0, 1))).toEqual({ size: parts[0]!.length });
    expect((await readFile(join(driver.rootDir, 'one'))).equals(parts[0]!)).toBe(true);
    // A join that fails keeps nothing of itself.
    await expectAppError(driver.compose('u', keys, { overwrite: false }), 'conflict');
    await expectAppError(driver.compose('v', ['u.parts/0', 'u.parts/missing']), 'not_found');
    expect((await allNamesOnDisk(driver.rootDir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
    expect(await driver.exists('v')).toBe(false);
  });

  it('names the part that is missing or a folder when a join fails, and keeps nothing of it', async () => {
    await driver.put('u.parts/0', randomBytes(2 * 1024 * 1024));
    await driver.put('u.parts/1', Buffer.from('tail'));
    await driver.put('folder/inside', Buffer.from('x'));
    const missingKey = async (sources: string[]) => {
      const error = await driver.compose('w', sources).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'not_found' });
      return (error as { details?: { key?: unknown } }).details?.key;
    };
    // Parts are looked for only once the join has failed (a delete can come between a look and the copy).
    expect(await missingKey(['u.parts/gone', 'u.parts/1'])).toBe('u.parts/gone');
    expect(await missingKey(['u.parts/0', 'u.parts/gone'])).toBe('u.parts/gone');
    expect(await missingKey(['folder', 'u.parts/1'])).toBe('folder');
    expect(await missingKey(['u.parts/0', 'folder'])).toBe('folder');
    expect(await driver.exists('w')).toBe(false);
    expect((await allNamesOnDisk(driver.rootDir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('reports a part deleted while the join runs as not found, not as a file system error', async () => {
    const outcomes = new Set<unknown>();
    const first = randomBytes(32 * 1024 * 1024);
    for (let trial = 0; trial < 3; trial++) {
      await driver.put('u.parts/0', first);
      await driver.put('u.parts/1', Buffer.from('tail'));
      let settled = false;
      const joining = driver.compose('w', ['u.parts/0', 'u.parts/1']).then(
        () => 'joined',
        (error: unknown) => (error as { code?: unknown }).code,
      );
      void joining.finally(() => (settled = true));
      // The delete lands once the join's file exists (the first part being copied into it): after any
      // look at the parts a join could take before it starts.
      while (!settled && !(await allNamesOnDisk(driver.rootDir)).some((name) => name.includes('.tmp-'))) await new Promise(setImmediate);
      await driver.delete('u.parts/1');
      outcomes.add(await joining);
    }
    expect(outcomes.has('not_found')).toBe(true);
    expect([...outcomes].filter((outcome) => outcome !== 'not_found' && outcome !== 'joined')).toEqual([]);
    expect((await allNamesOnDisk(driver.rootDir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('refuses a key that is also a folder of other keys', async () => {
    await driver.put('k/child', Buffer.from('x'));
    await expectAppError(driver.put('k', Buffer.from('y')), 'conflict');
    await driver.put('file', Buffer.from('x'));
    await expectAppError(driver.put('file/child', Buffer.from('y')), 'conflict');
  });
  it('shows nothing of a write whose process is killed mid-write', async () => {
    await driver.put('victim/object', Buffer.from('previous version'));
    const driverUrl = new URL('./local-storage-driver.ts', import.meta.url).href;
    const script = join(rootDir, 'crash-writer.mts');
    await writeFile(
      script,
      `import { createLocalStorageDriver } from ${JSON.stringify(driverUrl)};
const driver = createLocalStorageDriver({ rootDir: process.argv[2] });
setInterval(() => {}, 1000);
async function* body() {
  yield Buffer.alloc(1 << 20, 120);
  process.stdout.write('half-written\\n');
  await new Promise(() => {});
}
await driver.put(process.argv[3], body());
`,
    );
    const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, driver.rootDir, 'victim/object'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('half-written')) resolve();
      });
      child.once('exit', () => reject(new Error('the writer exited before writing')));
    });
    const during = await allNamesOnDisk(driver.rootDir);
    expect(during.some((name) => name.includes('.tmp-'))).toBe(true);
    child.kill('SIGKILL');
    await exited;

    expect(await readText('victim/object')).toBe('previous version');
    expect(await listKeys('')).toEqual(['victim/object']);
    expect(await driver.removeStaleTemporaryFiles(60_000)).toBe(0); // too recent: maybe still being written
    const temps = (await allNamesOnDisk(driver.rootDir)).filter((name) => name.includes('.tmp-'));
    expect(temps).toHaveLength(1);
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(driver.rootDir, temps[0] ?? ''), old, old);
    expect(await driver.removeStaleTemporaryFiles(60_000)).toBe(1);
    expect(await allNamesOnDisk(driver.rootDir)).toEqual(['victim', 'victim/object']);
  }, 30_000);
});
