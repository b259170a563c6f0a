/**
 * Vault throughput against references measured in the same run:
 *   (a) encrypt + SHA-256 + durable write through the local storage driver,
 *   (b) read + decrypt + verify SHA-256,
 * beside Node's own AES-256-GCM and SHA-256 over the same number of bytes in memory (1 MiB calls, in this
 * process: the floor of the vault's CPU cost, which the write is held to), `openssl speed` for both
 * (16 KiB blocks), a plain `fs.copyFile` of the same bytes, and the same bytes written through the
 * storage driver without encryption.
 * Size: 1 GiB of random bytes, or VAULT_BENCH_MB mebibytes for a quick run. MB/s here is 10^6 bytes/s,
 * the unit openssl reports. The source file is freshly written, so reads come from the page cache.
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createMasterKeyRing, createVault } from '../src/platform/crypto/index.js';
import { createLocalStorageDriver } from '../src/platform/storage/index.js';
import { benchRow, type BenchRow } from './bench-row.js';

const run = promisify(execFile);
const MIB = 1024 * 1024;

export default async function (): Promise<BenchRow[]> {
  const sizeMiB = Number(process.env.VAULT_BENCH_MB ?? 1024);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new Error('VAULT_BENCH_MB must be a positive whole number of MiB');
  const bytes = sizeMiB * MIB;
  const dir = await mkdtemp(join(tmpdir(), 'meshvault-vault-bench-'));
  try {
    const source = join(dir, 'source.bin');
    await writeRandomFile(source, bytes);
    const storage = createLocalStorageDriver({ rootDir: join(dir, 'store') });
    const vault = createVault({ storage, masterKeys: createMasterKeyRing([randomBytes(32)]) });

    const nodeCrypto = await timed(async () => nodeCryptoInSeries(bytes));
    const write = await timed(() => vault.writeFile('bench/file', createReadStream(source, { highWaterMark: MIB })));
    const read = await timed(() => vault.verifyFile('bench/file', write.result.wrappedKey));
    if (read.result.sha256 !== write.result.sha256 || read.result.plaintextSize !== bytes) {
      throw new Error('the decrypted file does not match what was encrypted');
    }
    const copy = await timed(() => copyFile(source, join(dir, 'copy.bin')));
    await rm(join(dir, 'copy.bin'));
    const plainPut = await timed(() => storage.put('bench/plain', createReadStream(source, { highWaterMark: MIB })));
    await storage.delete('bench/plain');
    const aesGcm = await opensslSpeed('aes-256-gcm');
    const sha256 = await opensslSpeed('sha256');

    const mbps = (seconds: number): string => `${(bytes / 1e6 / seconds).toFixed(0).padStart(6)} MB/s`;
    const both = (figure: { seconds: number; cpuSeconds: number; systemSeconds: number }): string =>
      `${mbps(figure.seconds)} wall clock, ${mbps(figure.cpuSeconds)} per CPU second (${figure.systemSeconds.toFixed(2)} s of it in the kernel)`;
    console.log(`file: ${sizeMiB} MiB of random bytes (ciphertext ${write.result.ciphertextSize} bytes)`);
    console.log(`vault encrypt + hash + write (fsync)  ${both(write)}`);
    console.log(`vault read + decrypt + verify hash    ${both(read)}`);
    // One pass of AES-GCM plus one of SHA-256 over every byte is the floor of the vault's CPU cost.
    const cryptoFloor = 1 / (1 / aesGcm + 1 / sha256);
    const nodeFloor = bytes / 1e6 / nodeCrypto.cpuSeconds;
    console.log('references, same run (openssl speed divides by CPU user time, not wall clock):');
    console.log(`  Node AES-256-GCM + SHA-256, in memory ${nodeFloor.toFixed(0).padStart(6)} MB/s per CPU second`);
    console.log(`  openssl aes-256-gcm, 16 KiB blocks  ${aesGcm.toFixed(0).padStart(6)} MB/s`);
    console.log(`  openssl sha256, 16 KiB blocks       ${sha256.toFixed(0).padStart(6)} MB/s`);
    console.log(`  both in series (the crypto floor)   ${cryptoFloor.toFixed(0).padStart(6)} MB/s`);
    console.log(`  fs.copyFile of the same bytes       ${both(copy)}`);
    console.log(`  storage put, no encryption (fsync)  ${both(plainPut)}`);
    const perCpu = (figure: { cpuSeconds: number }): number => bytes / 1e6 / figure.cpuSeconds;
    console.log(
      `ratios per CPU second: write ${(perCpu(write) / nodeFloor).toFixed(2)}x of Node's own AES-GCM + SHA-256 in series; ` +
        `write ${(perCpu(write) / cryptoFloor).toFixed(2)}x, read ${(perCpu(read) / cryptoFloor).toFixed(2)}x of openssl's`,
    );
    const wall = (figure: { seconds: number }): number => bytes / 1e6 / figure.seconds;
    return [
      benchRow('vault write (encrypt + hash), per CPU second', perCpu(write), 'MB/s', "Node's own AES-256-GCM + SHA-256 in series", nodeFloor, 'ratio ≥ 0.9'),
      benchRow('vault write (encrypt + hash), per CPU second, against openssl', perCpu(write), 'MB/s', 'openssl AES-256-GCM + SHA-256 in series', cryptoFloor, '—'),
      benchRow('vault write (encrypt + hash + fsync), wall clock', wall(write), 'MB/s', 'fs.copyFile of the same bytes', wall(copy), 'ratio ≥ 0.8'),
      benchRow('vault read (decrypt + verify), per CPU second', perCpu(read), 'MB/s', 'openssl AES-256-GCM + SHA-256 in series', cryptoFloor, '—'),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const block = 16 * MIB;
    for (let written = 0; written < bytes; written += block) {
      await handle.write(randomBytes(Math.min(block, bytes - written)));
    }
  } finally {
    await handle.close();
  }
}

/** What the vault's write cannot go below: one AES-256-GCM and one SHA-256 pass over `bytes`, 1 MiB per call. */
function nodeCryptoInSeries(bytes: number): void {
  const block = randomBytes(MIB);
  const key = randomBytes(32);
  const hash = createHash('sha256');
  for (let done = 0; done < bytes; done += MIB) {
    const piece = block.subarray(0, Math.min(MIB, bytes - done));
    const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
    hash.update(piece);
    cipher.update(piece);
    cipher.final();
  }
  hash.digest();
}

/** Wall-clock seconds, and CPU seconds of this process (threadpool included) for comparing with openssl. */
async function timed<T>(action: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; systemSeconds: number }> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const result = await action();
  const cpu = process.cpuUsage(cpuStart);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { result, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, systemSeconds: cpu.system / 1e6 };
}

/** MB/s (10^6 bytes) of `openssl speed -evp <algorithm> -seconds 3` in its 16384-byte column. */
async function opensslSpeed(algorithm: string): Promise<number> {
  const { stdout } = await run('openssl', ['speed', '-evp', algorithm, '-seconds', '3'], { maxBuffer: MIB });
  const line = stdout
    .split('\n')
    .find((text) => text.toLowerCase().startsWith(algorithm.toLowerCase()) || text.toLowerCase().startsWith(algorithm.replace('-', '').toLowerCase()));
  const columns = line?.trim().split(/\s+/) ?? [];
  const last = columns.at(-1);
  if (last === undefined || !last.endsWith('k')) throw new Error(`cannot read openssl speed output for ${algorithm}:\n${stdout}`);
  return (Number(last.slice(0, -1)) * 1000) / 1e6;
}
