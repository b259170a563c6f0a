/**
 * Issue 4: a 1 GiB model uploaded over tus to a real server process, with that process's resident
 * memory sampled throughout (VmRSS from /proc). Reference in the same run: the idle server's RSS and
 * a plain copy of the same number of bytes. UPLOAD_BENCH_MB shrinks the file for a quick run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureServerBuilt, SERVER_BUNDLE as cli, SERVER_NODE_FLAGS } from '../test/server-bundle.js';
import { benchRow, type BenchRow } from './bench-row.js';

const MB = Number(process.env.UPLOAD_BENCH_MB ?? 1024);

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A binary STL of about `mb` MiB: random triangles, negative coordinates, valid header and count. */
async function writeStl(path: string, mb: number): Promise<number> {
  const triangles = Math.floor((mb * 1024 * 1024 - 84) / 50);
  const out = createWriteStream(path);
  const header = Buffer.alloc(84);
  header.write('meshvault upload bench', 0);
  header.writeUInt32LE(triangles, 80);
  out.write(header);
  const batch = 20_000;
  for (let done = 0; done < triangles; done += batch) {
    const n = Math.min(batch, triangles - done);
    const buf = Buffer.alloc(n * 50);
    for (let i = 0; i < n; i++) for (let f = 0; f < 12; f++) buf.writeFloatLE(-Math.random() * 100, i * 50 + f * 4);
    if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return triangles * 50 + 84;
}

/** The JSON body of a successful answer; a refusal stops the bench with what the server said. */
async function answer(res: Response): Promise<unknown> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

export default async function (): Promise<BenchRow[]> {
  await ensureServerBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'meshvault-upload-bench-'));
  const port = 17000 + Math.floor(Math.random() * 1000);
  const base = `http://127.0.0.1:${port}`;
  const email = 'customer@meshvault.example';
  const password = 'benchmark passphrase';
  const env = { ...process.env, MESHVAULT_DATA_DIR: join(dir, 'data'), PORT: String(port), MESHVAULT_LOG_LEVEL: 'warn' };
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, cli, 'serve'], { env, stdio: 'ignore' });
  try {
    const file = join(dir, 'model.stl');
    const size = await writeStl(file, MB);
    for (let i = 0; i < 1800 && !(await fetch(`${base}/readyz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    // Projects are created by customers; the CLI hands this to the running server.
    spawnSync(process.execPath, [cli, 'user', 'create', '--email', email, '--role', 'customer', '--password', password], { env, stdio: 'ignore' });

    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!);
    if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = cookies.join('; ');
    // The session's CSRF token comes from the server (no cookie holds it), as the web app reads it.
    const { token } = (await (await fetch(`${base}/api/session/csrf-token`, { headers: { cookie } })).json()) as { token: string };
    const headers = { cookie, 'x-csrf-token': token };
    // An account made by the CLI has accepted no policy yet: the API refuses it everything else until it does.
    const policy = (await answer(await fetch(`${base}/privacy.json`))) as { version: number; document_hash: string };
    await answer(await fetch(`${base}/api/me/policy-acceptance`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ version: policy.version, hash: policy.document_hash, accepted: true }) }));
    const options = (await answer(await fetch(`${base}/api/projects/options`, { headers }))) as { processes: Array<{ process: string; materials: string[] }> };
    const first = options.processes[0]!;
    const project = (await answer(
      await fetch(`${base}/api/projects`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Upload bench', process: first.process, material: first.materials[0], quantity: 1 }),
      }),
    )) as { id: string };
    const created = await fetch(`${base}/api/projects/${project.id}/uploads`, {
      method: 'POST',
      headers: { ...headers, 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': `filename ${Buffer.from('model.stl').toString('base64')}` },
    });
    const location = created.headers.get('location');
    if (!location) throw new Error(`upload not created: ${created.status} ${await created.text()}`);

    const idle = rssMiB(server.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid!))), 100);
    const started = performance.now();
    // Sent with node:http, the file piped in 1 MiB pieces: Node's fetch, turning the file's stream into
    // a web stream, was itself the slowest part (9.2 s for the same upload against 7.0 s).
    const patch = await new Promise<{ status: number; text: () => string }>((resolve, reject) => {
      const req = request(
        `${base}${location}`,
        { method: 'PATCH', headers: { ...headers, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(size) } },
        (res) => {
          let body = '';
          res.on('data', (piece: Buffer) => (body += piece.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: () => body }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (patch.status !== 204) throw new Error(`PATCH answered ${patch.status}: ${patch.text()}`);

    const t = performance.now();
    await copyFile(file, join(dir, 'copy.stl'));
    const copySeconds = (performance.now() - t) / 1000;
    const mib = size / 1024 / 1024;
    console.log(
      `upload ${mib.toFixed(0)} MiB over tus (encrypt + store + verify): ${seconds.toFixed(1)} s = ${(mib / seconds).toFixed(0)} MiB/s, server peak RSS ${peak.toFixed(0)} MiB (idle ${idle.toFixed(0)} MiB, +${(peak - idle).toFixed(0)} MiB) | reference: plain copy ${(mib / copySeconds).toFixed(0)} MiB/s`,
    );
    return [
      benchRow(`upload ${mib.toFixed(0)} MiB over tus (encrypt + store + verify)`, mib / seconds, 'MiB/s', 'plain copy of the file', mib / copySeconds, '—'),
      benchRow('same, server peak RSS', peak, 'MiB', 'the server idle', idle, '—'),
    ];
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
