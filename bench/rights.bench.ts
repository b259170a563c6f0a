/**
 * Data rights, against references measured in the same run:
 *   (a) export throughput: the `rights.export` build (database rows → JSON and CSV, every file decrypted
 *       from the vault, deflated by yazl, encrypted into the vault again) beside Debian's `zip -r` of the
 *       same plaintext files from a plain directory (default deflate level, no encryption either way);
 *   (b) the time to erase a user who has 100,000 rows (bulk-inserted), through the registry-driven,
 *       per-table, audited and resumable erasure, beside one plain cascading `delete from users` of
 *       the same rows.
 * Sizes: RIGHTS_BENCH_MB mebibytes of ASCII STL over 8 files (default 256), RIGHTS_BENCH_ROWS rows
 * (default 100000). Embedded PGlite, as `npm start` runs by default.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { createApp } from '../src/app.js';
import type { Database } from '../src/database.js';
import { CLI_ACTOR } from '../src/platform/unit-of-work/index.js';
import { createFileVault } from '../src/modules/files/index.js';
import { buildExport } from '../src/modules/data-export/build-export.js';
import { countBulkRows, seedBulkRows } from '../src/modules/rights/rights-test-support.js';
import type { DataExportBaseDeps } from '../src/modules/data-export/index.js';
import { loadConfig } from '../src/platform/config/index.js';
import { loadOrCreateMasterKeys } from '../src/platform/crypto/index.js';
import { openDatabase } from '../src/platform/db/index.js';
import { createLogger } from '../src/platform/log/index.js';
import { createLocalStorageDriver } from '../src/platform/storage/index.js';
import { installationRegistry } from '../src/registry.js';
import { benchRow, type BenchRow } from './bench-row.js';

const run = promisify(execFile);
const MIB = 1024 * 1024;
const FILES = 8;

/** ASCII STL text of about `bytes`: compressible the way real exports of meshes are. */
function stlText(bytes: number, seed: number): Readable {
  // Bytes, not strings: the vault encrypts bytes and refuses a text chunk.
  let written = 0;
  let i = seed;
  return Readable.from(
    (function* () {
      yield Buffer.from('solid bench\n');
      while (written < bytes) {
        const lines: string[] = [];
        for (let k = 0; k < 2000; k++, i++) {
          const a = (i * 0.731) % 97;
          const b = (i * 1.173) % 89;
          lines.push(`facet normal 0 0 1\n outer loop\n  vertex ${a.toFixed(4)} ${b.toFixed(4)} 0\n  vertex ${(a + 1).toFixed(4)} ${b.toFixed(4)} 0\n  vertex ${a.toFixed(4)} ${(b + 1).toFixed(4)} 0\n endloop\nendfacet\n`);
        }
        const chunk = lines.join('');
        written += chunk.length;
        yield Buffer.from(chunk);
      }
      yield Buffer.from('endsolid bench\n');
    })(),
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export default async function (): Promise<BenchRow[]> {
  const sizeMiB = Number(process.env.RIGHTS_BENCH_MB ?? 256);
  const rows = Number(process.env.RIGHTS_BENCH_ROWS ?? 100_000);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 1 || !Number.isInteger(rows) || rows < 10) throw new Error('RIGHTS_BENCH_MB and RIGHTS_BENCH_ROWS must be positive whole numbers');
  const dataDir = await mkdtemp(join(tmpdir(), 'meshvault-rights-bench-'));
  const config = loadConfig({ MESHVAULT_DATA_DIR: dataDir, MESHVAULT_LOG_LEVEL: 'silent', PORT: '0' });
  const database = await openDatabase<Database>({ kind: 'pglite', dir: null });
  const app = await createApp({ config, log: createLogger('silent'), database });
  try {
    const fileVault = createFileVault({ storage: createLocalStorageDriver({ rootDir: config.filesDir }), masterKeys: await loadOrCreateMasterKeys({ dataDir, configuredKeys: undefined }) });
    const deps: DataExportBaseDeps = { db: app.db, uow: app.uow, now: () => new Date(), publicUrl: config.publicUrl, registry: installationRegistry(), policy: app.services.policy, fileVault, settings: config.rights };
    await app.services.policy.current();

    // (a) export throughput
    const { id: userId } = await app.services.accounts.createUser(CLI_ACTOR, { email: 'bench@example.com', name: 'Bench Person', password: 'correct horse battery staple', role: 'customer' }, { requestId: 'bench' });
    const projectId = randomUUID();
    await sql`insert into projects (id, customer_id, title, process, material, quantity, units, status, created_at, updated_at) values (${projectId}, ${userId}, 'Bench project', 'FDM', 'pla', 1, 'mm', 'received', now(), now())`.execute(app.db);
    const plainDir = join(dataDir, 'plain');
    await mkdir(plainDir);
    let plainBytes = 0;
    for (let f = 0; f < FILES; f++) {
      const fileId = randomUUID();
      const key = `files/${fileId}`;
      const info = await fileVault.vault().writeFile(key, stlText((sizeMiB * MIB) / FILES, f * 1_000_003));
      plainBytes += info.plaintextSize;
      await sql`insert into files (id, project_id, uploaded_by, original_name, size_bytes, sha256, wrapped_key, storage_key, status, created_at) values (${fileId}, ${projectId}, ${userId}, ${`part-${f}.stl`}, ${info.plaintextSize}, ${info.sha256}, ${info.wrappedKey}, ${key}, 'uploaded', now())`.execute(app.db);
      const chunks: Buffer[] = [];
      for await (const chunk of await fileVault.vault().readFile(key, info.wrappedKey)) chunks.push(chunk as Buffer);
      await writeFile(join(plainDir, `part-${f}.stl`), Buffer.concat(chunks));
    }
    const exportId = randomUUID();
    await sql`insert into data_exports (id, user_id, requested_by, status, storage_key, created_at) values (${exportId}, ${userId}, ${userId}, 'queued', ${`exports/${exportId}`}, now())`.execute(app.db);
    let peakRss = process.memoryUsage().rss;
    const rssBefore = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const built = await timed(() => buildExport(deps, exportId));
    clearInterval(sampler);
    const row = await app.db.selectFrom('data_exports').select(['status', 'size_bytes']).where('id', '=', exportId).executeTakeFirstOrThrow();
    if (row.status !== 'ready') throw new Error(`the export ended ${row.status}`);
    const zipOut = join(dataDir, 'reference.zip');
    const zipped = await timed(() => run('zip', ['-r', '-q', zipOut, '.'], { cwd: plainDir }));
    const zipSize = (await stat(zipOut)).size;
    const mbps = (seconds: number) => `${(plainBytes / 1e6 / seconds).toFixed(0).padStart(5)} MB/s`;
    console.log(`export: ${FILES} files, ${(plainBytes / 1e6).toFixed(0)} MB of ASCII STL, plus the person's rows`);
    console.log(`  rights.export build (decrypt, zip, encrypt)  ${mbps(built.seconds)}  ${built.seconds.toFixed(2)} s  archive ${((row.size_bytes ?? 0) / 1e6).toFixed(1)} MB  peak RSS +${((peakRss - rssBefore) / MIB).toFixed(0)} MiB`);
    console.log(`  reference: zip -r of the plain files        ${mbps(zipped.seconds)}  ${zipped.seconds.toFixed(2)} s  archive ${(zipSize / 1e6).toFixed(1)} MB`);

    // (b) erasure of a user with `rows` rows
    const seed = async (name: string) => {
      const { id } = await app.services.accounts.createUser(CLI_ACTOR, { email: `${name}@example.com`, name: 'Erase Me', password: 'correct horse battery staple', role: 'customer' }, { requestId: 'bench' });
      await seedBulkRows(app.db as unknown as Kysely<unknown>, id, rows);
      return id;
    };
    const countRows = (id: string) => countBulkRows(app.db as unknown as Kysely<unknown>, id);
    const erased = await seed('erased');
    const seeded = await countRows(erased);
    const erasure = await timed(async () => {
      const { erasureId } = await app.services.rights.eraseAccount(CLI_ACTOR, erased, { queue: false });
      await app.services.rights.runErasure(erasureId);
    });
    if ((await countRows(erased)) !== 0) throw new Error('the erasure left rows behind');
    const reference = await seed('reference');
    const cascade = await timed(() => sql`delete from users where id = ${reference}`.execute(app.db));
    console.log(`erasure of a user with ${seeded.toLocaleString('en-US')} rows (5 tables) on PGlite`);
    console.log(`  registry-driven erasure (plan, certificate, ledger, per-table audited steps)  ${erasure.seconds.toFixed(2)} s`);
    console.log(`  reference: one cascading delete from users of the same rows                   ${cascade.seconds.toFixed(2)} s`);
    return [
      benchRow(`rights.export build (decrypt, zip, encrypt), ${(plainBytes / 1e6).toFixed(0)} MB`, plainBytes / 1e6 / built.seconds, 'MB/s', 'zip -r of the plain files', plainBytes / 1e6 / zipped.seconds, '—'),
      benchRow(`erasure of a user with ${seeded.toLocaleString('en-US')} rows, PGlite`, erasure.seconds, 's', 'one cascading delete of the same rows', cascade.seconds, '—'),
    ];
  } finally {
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
