/**
 * Vault throughput against references measured in the same run:
 *   (a) encrypt + SHA-256 + durable write through the local storage driver,
 *   (b) read + decrypt + verify SHA-256,
 * beside Node's own AES-256-GCM and SHA-256 over the same number of bytes in memory (1 MiB calls, in this
 * process: the floor of the vault's CPU cost, which the write is held to), `openssl speed` for both
 * (16 KiB blocks), a plain `fs.copyFile` of the same bytes (and the same copy made durable, fsync'd with
 * its directory as the vault's write is: what durability alone costs, for judging the wall-clock goal,
 * which is held to the copy without it), and the same bytes written through the
 * storage driver without encryption (from the file, and from memory: with Node's crypto, the floor of a
 * durable encrypted write). The vault is given the file's path, as a caller holding a file does; the
 * same write from a ReadStream is printed beside it.
 * Size: 1 GiB of random bytes, or VAULT_BENCH_MB mebibytes for a quick run; VAULT_BENCH_ROUNDS rounds
 * (3): the vault's medians against the references' fastest. MB/s here is 10^6 bytes/s, the unit
 * openssl reports. The source file is written by a child process and stays in the page cache, so reads
 * come from memory.
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, open, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createMasterKeyRing, createVault, type VaultFileInfo } from '../src/platform/crypto/index.js';
import { createLocalStorageDriver } from '../src/platform/storage/index.js';
import { benchRow, withCeiling, type BenchRow } from './bench-row.js';

const run = promisify(execFile);
const MIB = 1024 * 1024;

export default async function (): Promise<BenchRow[]> {
  const sizeMiB = Number(process.env.VAULT_BENCH_MB ?? 1024);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 1) throw new Error('VAULT_BENCH_MB must be a positive whole number of MiB');
  const rounds = Number(process.env.VAULT_BENCH_ROUNDS ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('VAULT_BENCH_ROUNDS must be a positive whole number');
  const bytes = sizeMiB * MIB;
  const dir = await mkdtemp(join(tmpdir(), 'meshvault-vault-bench-'));
  try {
    const source = join(dir, 'source.bin');
    await writeRandomFileInChild(source, bytes);
    const storage = createLocalStorageDriver({ rootDir: join(dir, 'store') });
    const vault = createVault({ storage, masterKeys: createMasterKeyRing([randomBytes(32)]) });

    // Rounds interleave every figure, so a busy neighbour on the shared machine weighs on all alike.
    // The vault's figures are the medians of their rounds; the references their fastest round, so that
    // noise can never make a ratio look better than it is.
    const samples: Record<'nodeCrypto' | 'write' | 'writeStream' | 'copy' | 'durableCopy' | 'plainPut' | 'plainFromMemory', Figures[]> = {
      nodeCrypto: [],
      write: [],
      writeStream: [],
      copy: [],
      durableCopy: [],
      plainPut: [],
      plainFromMemory: [],
    };
    let file: VaultFileInfo | undefined;
    for (let round = 0; round < rounds; round += 1) {
      samples.nodeCrypto.push(await timed(async () => nodeCryptoInSeries(bytes)));
      if (file) await storage.delete('bench/file');
      const write = await timed(() => vault.writeFile('bench/file', { path: source }));
      samples.write.push(write);
      file = write.result;
      samples.writeStream.push(await timed(() => vault.writeFile('bench/stream', createReadStream(source, { highWaterMark: MIB }))));
      await storage.delete('bench/stream');
      samples.copy.push(await timed(() => copyFile(source, join(dir, 'copy.bin'))));
      await rm(join(dir, 'copy.bin'));
      samples.durableCopy.push(await timed(() => durableCopy(source, join(dir, 'copy.bin'))));
      await rm(join(dir, 'copy.bin'));
      samples.plainPut.push(await timed(() => storage.put('bench/plain', createReadStream(source, { highWaterMark: MIB }))));
      await storage.delete('bench/plain');
      samples.plainFromMemory.push(await timed(() => storage.put('bench/plain', sameBlock(bytes))));
      await storage.delete('bench/plain');
    }
    const { wrappedKey, sha256: writtenHash, ciphertextSize } = file!;
    const read = await timed(() => vault.verifyFile('bench/file', wrappedKey));
    if (read.result.sha256 !== writtenHash || read.result.plaintextSize !== bytes) {
      throw new Error('the decrypted file does not match what was encrypted');
    }
    const aesGcm = await opensslSpeed('aes-256-gcm');
    const sha256 = await opensslSpeed('sha256');

    const [write, writeStream] = [median(samples.write), median(samples.writeStream)];
    const [nodeCrypto, copy, durable, plainPut, plainFromMemory] = [
      samples.nodeCrypto,
      samples.copy,
      samples.durableCopy,
      samples.plainPut,
      samples.plainFromMemory,
    ].map(fastest) as [Figures, Figures, Figures, Figures, Figures];
    const mbps = (seconds: number): string => `${(bytes / 1e6 / seconds).toFixed(0).padStart(6)} MB/s`;
    const both = (figure: Figures): string =>
      `${mbps(figure.seconds)} wall clock, ${mbps(figure.cpuSeconds)} per CPU second (${figure.systemSeconds.toFixed(2)} s of it in the kernel)`;
    console.log(`file: ${sizeMiB} MiB of random bytes (ciphertext ${ciphertextSize} bytes); ${rounds} rounds: vault medians, references' fastest`);
    console.log(`vault encrypt + hash + write (fsync)  ${both(write)}`);
    console.log(`  the same from a ReadStream          ${both(writeStream)}`);
    console.log(`vault read + decrypt + verify hash    ${both(read)}`);
    // One pass of AES-GCM plus one of SHA-256 over every byte is the floor of the vault's CPU cost.
    const cryptoFloor = 1 / (1 / aesGcm + 1 / sha256);
    const nodeFloor = bytes / 1e6 / nodeCrypto.cpuSeconds;
    // Nor can a durable encrypted write cost less CPU than that crypto plus durably writing the bytes.
    const writeFloor = bytes / 1e6 / (nodeCrypto.cpuSeconds + plainFromMemory.cpuSeconds);
    console.log('references, same run (openssl speed divides by CPU user time, not wall clock):');
    console.log(`  Node AES-256-GCM + SHA-256, in memory ${nodeFloor.toFixed(0).padStart(6)} MB/s per CPU second`);
    console.log(`  openssl aes-256-gcm, 16 KiB blocks  ${aesGcm.toFixed(0).padStart(6)} MB/s`);
    console.log(`  openssl sha256, 16 KiB blocks       ${sha256.toFixed(0).padStart(6)} MB/s`);
    console.log(`  both in series (the crypto floor)   ${cryptoFloor.toFixed(0).padStart(6)} MB/s`);
    console.log(`  fs.copyFile of the same bytes       ${both(copy)}`);
    console.log(`  the same copy, fsync'd (durable)    ${both(durable)}`);
    console.log(`  storage put, no encryption (fsync)  ${both(plainPut)}`);
    console.log(`  the same from memory, no read       ${both(plainFromMemory)}`);
    console.log(`  floor: Node crypto + that put       ${writeFloor.toFixed(0).padStart(6)} MB/s per CPU second`);
    const perCpu = (figure: { cpuSeconds: number }): number => bytes / 1e6 / figure.cpuSeconds;
    console.log(
      `ratios per CPU second: write ${(perCpu(write) / nodeFloor).toFixed(2)}x of Node's own AES-GCM + SHA-256 in series, ` +
        `${(perCpu(write) / writeFloor).toFixed(2)}x of that plus a plain durable write; ` +
        `write ${(perCpu(write) / cryptoFloor).toFixed(2)}x, read ${(perCpu(read) / cryptoFloor).toFixed(2)}x of openssl's`,
    );
    const wall = (figure: { seconds: number }): number => bytes / 1e6 / figure.seconds;
    // Ceilings from the floor (Node's crypto plus a plain durable write of the same bytes, reading the
    // file not even counted): per CPU second no write does better than the floor itself, and on the
    // wall clock none finishes before its floor's CPU spread over every core.
    const cores = availableParallelism();
    const perCpuCeiling = writeFloor / nodeFloor;
    const wallCeiling = (writeFloor * cores) / wall(copy);
    console.log(
      `ceilings here: per CPU second ${perCpuCeiling.toFixed(2)}x of Node's crypto in series (the durable write's own CPU); ` +
        `wall clock ${wallCeiling.toFixed(2)}x of the copy (the floor's CPU on ${cores} cores all the time)`,
    );
    return [
      withCeiling(benchRow('vault write from a file path (encrypt + hash), per CPU second', perCpu(write), 'MB/s', "Node's own AES-256-GCM + SHA-256 in series", nodeFloor, 'ratio ≥ 0.9'), perCpuCeiling),
      // Uploads, exports and attachments reach the vault as streams: the goal holds for them too.
      withCeiling(benchRow('vault write from a stream (encrypt + hash), per CPU second', perCpu(writeStream), 'MB/s', "Node's own AES-256-GCM + SHA-256 in series", nodeFloor, 'ratio ≥ 0.9'), perCpuCeiling),
      benchRow('vault write, per CPU second, against crypto + plain durable write', perCpu(write), 'MB/s', 'Node crypto + storage put from memory (fsync)', writeFloor, '—'),
      benchRow('vault write (encrypt + hash), per CPU second, against openssl', perCpu(write), 'MB/s', 'openssl AES-256-GCM + SHA-256 in series', cryptoFloor, '—'),
      withCeiling(benchRow('vault write (encrypt + hash + fsync), wall clock', wall(write), 'MB/s', 'fs.copyFile of the same bytes', wall(copy), 'ratio ≥ 0.8'), wallCeiling),
      // The goal's copy keeps its bytes in the page cache; the vault's write must reach the disk first.
      benchRow('vault write, wall clock, against a durable copy', wall(write), 'MB/s', 'fs.copyFile + fsync of file and folder', wall(durable), '—'),
      benchRow('vault read (decrypt + verify), per CPU second', perCpu(read), 'MB/s', 'openssl AES-256-GCM + SHA-256 in series', cryptoFloor, '—'),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The random source file, written and fsync'd by a child process: generating 1 GiB here would leave
 * this process's heap and allocator, and the page cache's dirty pages, in a state that skews what follows.
 */
async function writeRandomFileInChild(path: string, bytes: number): Promise<void> {
  const script = `
    const { randomBytes } = require('node:crypto');
    const { closeSync, fsyncSync, openSync, writeSync } = require('node:fs');
    const [path, bytes, block] = [process.argv[1], Number(process.argv[2]), ${16 * MIB}];
    const fd = openSync(path, 'w');
    for (let written = 0; written < bytes; written += block) writeSync(fd, randomBytes(Math.min(block, bytes - written)));
    fsyncSync(fd);
    closeSync(fd);`;
  await run(process.execPath, ['-e', script, path, String(bytes)]);
}

/** `fs.copyFile`, then the copy and its folder fsync'd, as the storage driver makes a write durable. */
async function durableCopy(source: string, target: string): Promise<void> {
  await copyFile(source, target);
  for (const path of [target, dirname(target)]) {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** `bytes` bytes as the same random 1 MiB block again and again: a body that costs nothing to produce. */
async function* sameBlock(bytes: number): AsyncGenerator<Uint8Array> {
  const block = randomBytes(MIB);
  for (let done = 0; done < bytes; done += MIB) yield block.subarray(0, Math.min(MIB, bytes - done));
}

type Figures = { seconds: number; cpuSeconds: number; systemSeconds: number };

/** Each figure's median over the rounds, taken separately (the middle two averaged for an even count). */
function median(samples: readonly Figures[]): Figures {
  return eachFigure(samples, (sorted) => {
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  });
}

/** Each figure's best (smallest) value over the rounds, taken separately. */
function fastest(samples: readonly Figures[]): Figures {
  return eachFigure(samples, (sorted) => sorted[0]!);
}

function eachFigure(samples: readonly Figures[], pick: (sorted: number[]) => number): Figures {
  const of = (values: number[]): number => pick([...values].sort((a, b) => a - b));
  return {
    seconds: of(samples.map((sample) => sample.seconds)),
    cpuSeconds: of(samples.map((sample) => sample.cpuSeconds)),
    systemSeconds: of(samples.map((sample) => sample.systemSeconds)),
  };
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
