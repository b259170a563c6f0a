import { createHash, randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Upload, type DetailedError, type PreviousUpload, type UploadOptions, type UrlStorage } from 'tus-js-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorageDriver } from '../../platform/storage/index.js';
import { customerWithProject, type TestUser } from '../../test-support/builders.js';
import { tapHandlerBodies } from '../../test-support/handler-body-tap.js';
import { handlerReceived } from '../../test-support/handler-received.js';
import { handlerSettled } from '../../test-support/handler-settled.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';
import { makeSphere, toBinaryStl } from '../models/test-meshes.js';
import { analyse, authHeaders, sha256, tusCreate, tusHead } from './files-test-support.js';

/**
 * The official tus client (tus-js-client, its Node build) against the real app on a real port: what
 * any tus client an integrator picks will do. Server-side, a tap on the route handlers counts the body
 * bytes each request handed over, so "no byte received twice" is measured, not assumed.
 */

const MAX_BYTES = 16 * 1024 * 1024;
let app: TestApp;
let port: number;
let customer: TestUser;
let projectId: string;
let tap: ReturnType<typeof tapHandlerBodies>;

beforeAll(async () => {
  app = await createTestApp({ MESHVAULT_UPLOAD_MAX_BYTES: String(MAX_BYTES) });
  await app.startJobs();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  port = (app.http.server.address() as { port: number }).port;
  ({ customer, projectId } = await customerWithProject(app, { email: 'tess@customer.test', project: { title: 'Resumable brackets' } }));
}, 60_000);
afterAll(async () => app?.dispose());
afterEach(() => tap?.stop());

function tapUploads() {
  tap = tapHandlerBodies((request) => request.url.startsWith('/api/uploads/') || request.url === `/api/projects/${projectId}/uploads`);
  return tap;
}

/** What the browser sends: the session cookie and its CSRF token (tus-js-client adds Tus-Resumable itself). */
async function sessionHeaders(): Promise<Record<string, string>> {
  const { 'tus-resumable': _version, ...rest } = await authHeaders(customer);
  return rest;
}

/** A URL storage in memory: what `findPreviousUploads` reads, as localStorage would in a browser. */
function memoryUrlStorage(): UrlStorage {
  const entries = new Map<string, PreviousUpload & { fingerprint: string }>();
  let next = 0;
  return {
    findAllUploads: async () => [...entries.values()],
    findUploadsByFingerprint: async (fingerprint) => [...entries.values()].filter((e) => e.fingerprint === fingerprint),
    removeUpload: async (key) => void entries.delete(key),
    addUpload: async (fingerprint, upload) => {
      const urlStorageKey = `tus::${fingerprint}::${++next}`;
      entries.set(urlStorageKey, { ...upload, urlStorageKey, fingerprint });
      return urlStorageKey;
    },
  };
}

type Outcome = { ok: true; url: string } | { ok: false; error: Error | DetailedError; url: string | null };

/** Runs an upload to its end (success or error); `prepare` may resume it from a previous upload first. */
async function runUpload(file: Buffer, name: string, options: UploadOptions, prepare?: (upload: Upload) => Promise<void>): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const upload: Upload = new Upload(file, {
      endpoint: `http://127.0.0.1:${port}/api/projects/${projectId}/uploads`,
      metadata: { filename: name },
      retryDelays: null,
      ...options,
      onSuccess: () => resolve({ ok: true, url: upload.url ?? '' }),
      onError: (error) => resolve({ ok: false, error, url: upload.url }),
    });
    (prepare ? prepare(upload) : Promise.resolve()).then(() => upload.start(), reject);
  });
}

async function storedFile(uploadUrl: string) {
  const id = new URL(uploadUrl).pathname.split('/').pop()!;
  const row = await app.db.selectFrom('files').select(['id', 'size_bytes', 'sha256']).where('id', '=', id).executeTakeFirst();
  return { id, row };
}

async function headOffset(uploadUrl: string): Promise<number> {
  const head = await tusHead(app, customer, new URL(uploadUrl, `http://127.0.0.1:${port}`).pathname);
  expect(head.statusCode, head.body).toBe(200);
  return Number(head.headers['upload-offset']);
}

const isUploadPatch = (request: { method: string; url: string }) => request.method === 'PATCH' && request.url.startsWith('/api/uploads/');

describe('tus-js-client against the upload endpoint', () => {
  it('(a) uploads a file in one request (the client default) and the file is analysed', async () => {
    const sphere = toBinaryStl(makeSphere([0, 0, 0], 20, 40, 80));
    const taps = tapUploads();
    const outcome = await runUpload(sphere, 'bracket.stl', { headers: await sessionHeaders() });
    expect(outcome).toMatchObject({ ok: true });
    const { id, row } = await storedFile((outcome as { url: string }).url);
    expect(row).toMatchObject({ size_bytes: sphere.length, sha256: sha256(sphere) });
    expect(taps.requests.map((r) => [r.method, r.uploadOffset, r.taken])).toEqual([['PATCH', '0', sphere.length]]);
    expect((await analyse(app, id)).status).toBe('analysed');
  });

  it('(b) resumes a one-request upload broken at random points, and the server receives no byte twice', async () => {
    const file = randomBytes(3 * 1024 * 1024 + randomInt(1, 64 * 1024));
    const urlStorage = memoryUrlStorage();
    const headers = await sessionHeaders();
    const taps = tapUploads();
    let offset = 0;
    const cuts: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      // Where the connection breaks: any byte of what is left (logged, to replay a failure).
      const cut = randomInt(1, file.length - offset);
      cuts.push(cut);
      taps.cutNext(cut);
      const settled = handlerSettled(isUploadPatch);
      const outcome = await runUpload(file, 'cut.stl', { headers, urlStorage }, async (upload) => {
        const previous = await upload.findPreviousUploads();
        expect(previous.length).toBe(attempt === 0 ? 0 : 1);
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      });
      await settled; // the server has wound the broken request up
      expect(outcome.ok, `cuts ${cuts.join(', ')}`).toBe(false);
      const patch = taps.requests.at(-1)!;
      expect(patch.uploadOffset).toBe(String(offset)); // resumed exactly where the server said
      expect(patch.taken).toBe(cut);
      offset += cut;
      // Every byte that arrived is kept, also the part of an encrypted chunk: the offset is exact.
      expect(await headOffset((outcome as { url: string }).url), `cuts ${cuts.join(', ')}`).toBe(offset);
    }
    const outcome = await runUpload(file, 'cut.stl', { headers, urlStorage }, async (upload) => {
      const [previous] = await upload.findPreviousUploads();
      upload.resumeFromPreviousUpload(previous!);
    });
    expect(outcome, `cuts ${cuts.join(', ')}`).toMatchObject({ ok: true });
    expect(taps.requests.filter((r) => r.method === 'PATCH').map((r) => Number(r.uploadOffset))).toEqual([0, ...cuts.map((_, i) => cuts.slice(0, i + 1).reduce((a, b) => a + b, 0))]);
    expect(taps.totalTaken()).toBe(file.length);
    const { row } = await storedFile((outcome as { url: string }).url);
    expect(row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });

  it('(b) resumes a chunked upload the client aborted mid-request, from exactly the bytes the server took', async () => {
    const file = randomBytes(2 * 1024 * 1024 + randomInt(1, 1000));
    const chunkSize = 512 * 1024;
    const headers = await sessionHeaders();
    const taps = tapUploads();
    // The client aborts while the server is reading a random request, at a random byte of it.
    const abortIn = randomInt(0, 4);
    const abortAt = randomInt(1, chunkSize);
    const created = { url: '' };
    await new Promise<void>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        endpoint: `http://127.0.0.1:${port}/api/projects/${projectId}/uploads`,
        metadata: { filename: 'aborted.stl' },
        headers,
        chunkSize,
        retryDelays: null,
        onUploadUrlAvailable: () => {
          created.url = upload.url ?? '';
        },
        onBeforeRequest: (req) => {
          if (req.getMethod() !== 'PATCH' || taps.requests.filter((r) => r.method === 'PATCH').length !== abortIn) return;
          const settled = handlerSettled(isUploadPatch);
          taps.cutNext(abortAt, () => void upload.abort().then(() => settled.then(resolve)));
        },
        onSuccess: () => reject(new Error('the upload was meant to be aborted')),
        onError: reject,
      });
      upload.start();
    });
    const broken = taps.requests.at(-1)!;
    const stored = Number(broken.uploadOffset) + broken.taken;
    expect(broken.taken).toBeGreaterThanOrEqual(abortAt);
    expect(await headOffset(created.url)).toBe(stored);

    const outcome = await runUpload(file, 'aborted.stl', { headers, chunkSize, uploadUrl: created.url });
    expect(outcome).toMatchObject({ ok: true });
    expect(taps.requests[taps.requests.indexOf(broken) + 1]?.uploadOffset).toBe(String(stored)); // the resume starts at the stored offset
    expect(taps.totalTaken()).toBe(file.length);
    const { row } = await storedFile(created.url);
    expect(row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });

  it('(c) uploads in 10 KiB chunks: each one advances the offset by its size', async () => {
    const file = randomBytes(200 * 1024 + 77);
    const taps = tapUploads();
    const outcome = await runUpload(file, 'small-chunks.stl', { headers: await sessionHeaders(), chunkSize: 10 * 1024 });
    expect(outcome).toMatchObject({ ok: true });
    const patches = taps.requests.filter((r) => r.method === 'PATCH');
    expect(patches.length).toBe(Math.ceil(file.length / (10 * 1024)));
    expect(patches.map((r) => Number(r.uploadOffset))).toEqual(patches.map((_, i) => i * 10 * 1024));
    expect(taps.totalTaken()).toBe(file.length);
    expect((await storedFile((outcome as { url: string }).url)).row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });

  it('(d) terminates an upload (abort(true)): the upload and what it stored are gone', async () => {
    const file = randomBytes(300 * 1024);
    const headers = await sessionHeaders();
    let url = '';
    await new Promise<void>((resolve, reject) => {
      const upload: Upload = new Upload(file, {
        endpoint: `http://127.0.0.1:${port}/api/projects/${projectId}/uploads`,
        metadata: { filename: 'cancelled.stl' },
        headers,
        chunkSize: 100 * 1024 + 3,
        retryDelays: null,
        onChunkComplete: () => {
          url = upload.url ?? '';
          upload.abort(true).then(resolve, reject);
        },
        onError: reject,
      });
      upload.start();
    });
    const id = new URL(url).pathname.split('/').pop()!;
    expect((await tusHead(app, customer, `/api/uploads/${id}`)).statusCode).toBe(404);
    expect(await app.db.selectFrom('file_uploads').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    const left: string[] = [];
    for await (const object of createLocalStorageDriver({ rootDir: app.config.filesDir }).list(`files/${id}`)) left.push(object.key);
    expect(left).toEqual([]);
  });

  it('(e) verifies Upload-Checksum: a matching piece is kept, a damaged one refused with 460 and nothing kept', async () => {
    const file = randomBytes(150 * 1024 + 11);
    const chunkSize = 64 * 1024 + 5;
    const headers = await sessionHeaders();
    const checksum = (algorithm: 'sha1' | 'sha256', offset: number) =>
      `${algorithm} ${createHash(algorithm).update(file.subarray(offset, offset + chunkSize)).digest('base64')}`;
    const taps = tapUploads();
    let damageAt = 2; // the third PATCH is sent with a wrong checksum
    const failed = await runUpload(file, 'checked.stl', {
      headers,
      chunkSize,
      onBeforeRequest: (req) => {
        if (req.getMethod() !== 'PATCH') return;
        const offset = Number(req.getHeader('Upload-Offset'));
        req.setHeader('Upload-Checksum', damageAt-- === 0 ? checksum('sha1', offset + 1) : checksum(offset === 0 ? 'sha1' : 'sha256', offset));
      },
    });
    expect(failed.ok).toBe(false);
    const response = (failed as { error: DetailedError }).error.originalResponse;
    expect(response?.getStatus()).toBe(460);
    expect(response?.getHeader('Content-Type')).toContain('application/problem+json');
    expect(JSON.parse(response?.getBody() ?? '{}')).toMatchObject({ status: 460, code: 'checksum_mismatch' });
    expect(taps.requests.at(-1)?.taken).toBe(file.length - 2 * chunkSize); // it arrived whole, and was refused
    expect(await headOffset(failed.url!)).toBe(2 * chunkSize); // offset unchanged

    const unknown = await app.http.inject({
      method: 'PATCH',
      url: new URL(failed.url!).pathname,
      headers: { ...(await authHeaders(customer)), 'upload-offset': String(2 * chunkSize), 'content-type': 'application/offset+octet-stream', 'upload-checksum': 'crc32 AAAAAA==' },
      payload: file.subarray(2 * chunkSize),
    });
    expect(unknown.statusCode).toBe(400);

    const resumed = await runUpload(file, 'checked.stl', {
      headers,
      chunkSize,
      uploadUrl: failed.url!,
      onBeforeRequest: (req) => {
        if (req.getMethod() === 'PATCH') req.setHeader('Upload-Checksum', checksum('sha256', Number(req.getHeader('Upload-Offset'))));
      },
    });
    expect(resumed).toMatchObject({ ok: true });
    expect((await storedFile(failed.url!)).row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });

  it('(f) sends the first piece with the creation request (creation-with-upload)', async () => {
    const file = randomBytes(300 * 1024 + 5);
    const taps = tapUploads();
    const outcome = await runUpload(file, 'with-creation.stl', { headers: await sessionHeaders(), uploadDataDuringCreation: true, chunkSize: 128 * 1024 });
    expect(outcome).toMatchObject({ ok: true });
    expect(taps.requests.map((r) => [r.method, r.uploadOffset ?? null, r.taken])).toEqual([
      ['POST', null, 128 * 1024],
      ['PATCH', String(128 * 1024), 128 * 1024],
      ['PATCH', String(256 * 1024), file.length - 256 * 1024],
    ]);
    expect((await storedFile((outcome as { url: string }).url)).row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });

  it('(f) a creation request whose piece fails its checksum answers 460 with the Location to resume at, keeping nothing of it', async () => {
    const file = randomBytes(64 * 1024);
    const wrong = createHash('sha256').update(file.subarray(1)).digest('base64');
    const created = await app.http.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/uploads`,
      headers: {
        ...(await authHeaders(customer)),
        'upload-length': String(file.length),
        'upload-metadata': `filename ${Buffer.from('damaged-creation.stl').toString('base64')}`,
        'content-type': 'application/offset+octet-stream',
        'upload-checksum': `sha256 ${wrong}`,
      },
      payload: file,
    });
    expect(created.statusCode).toBe(460);
    expect(created.json()).toMatchObject({ status: 460, code: 'checksum_mismatch' });
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/api\/uploads\//);
    expect(await headOffset(location)).toBe(0);
  });

  it('(f) a creation request whose body breaks leaves a resumable upload holding what arrived, not an orphan', async () => {
    const file = randomBytes(200 * 1024);
    const taps = tapUploads();
    const cut = randomInt(1, file.length);
    taps.cutNext(cut);
    const settled = handlerSettled((request) => request.method === 'POST' && request.url === `/api/projects/${projectId}/uploads`);
    const outcome = await runUpload(file, 'broken-creation.stl', { headers: await sessionHeaders(), uploadDataDuringCreation: true });
    await settled;
    expect(outcome.ok).toBe(false);
    const upload = await app.db
      .selectFrom('file_uploads')
      .select(['id', 'completed_at'])
      .where('original_name', '=', 'broken-creation.stl')
      .executeTakeFirstOrThrow();
    const location = `/api/uploads/${upload.id}`;
    expect(await headOffset(location)).toBe(cut);
    const resumed = await runUpload(file, 'broken-creation.stl', { headers: await sessionHeaders(), uploadUrl: `http://127.0.0.1:${port}${location}` });
    expect(resumed, `cut ${cut}`).toMatchObject({ ok: true });
    expect(taps.totalTaken()).toBe(file.length);
    expect((await storedFile(`http://x${location}`)).row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });
});

describe('an upload across a restart', () => {
  it('answers the exact offset after the app restarts (nothing of it in memory) and resumes from there', async () => {
    let own = await createTestApp();
    try {
      const listen = async () => {
        await own.startJobs(); // a finished upload queues its analysis
        await own.http.listen({ port: 0, host: '127.0.0.1' });
        return (own.http.server.address() as { port: number }).port;
      };
      let ownPort = await listen();
      const { customer: owner, projectId: ownProject } = await customerWithProject(own, { email: 'rhea@customer.test', project: { title: 'Restarted bracket' } });
      const { 'tus-resumable': _version, ...headers } = await authHeaders(owner);
      const file = randomBytes(1024 * 1024 + randomInt(1, 1000));
      const cut = randomInt(1, file.length);
      const taps = tapUploads();
      taps.cutNext(cut);
      const settled = handlerSettled(isUploadPatch);
      const created = { url: '' };
      await new Promise<void>((resolve) => {
        const upload: Upload = new Upload(file, {
          endpoint: `http://127.0.0.1:${ownPort}/api/projects/${ownProject}/uploads`,
          metadata: { filename: 'restarted.stl' },
          headers,
          retryDelays: null,
          onUploadUrlAvailable: () => void (created.url = upload.url ?? ''),
          onError: () => resolve(),
          onSuccess: () => resolve(),
        });
        upload.start();
      });
      await settled;
      const location = new URL(created.url).pathname;

      own = await own.restart();
      ownPort = await listen();
      const head = await own.http.inject({ method: 'HEAD', url: location, headers: await authHeaders(owner) });
      expect(head.statusCode, head.body).toBe(200);
      expect(Number(head.headers['upload-offset']), `cut ${cut}`).toBe(cut);

      const resumed = await new Promise<boolean>((resolve) => {
        new Upload(file, {
          uploadUrl: `http://127.0.0.1:${ownPort}${location}`,
          headers,
          retryDelays: null,
          onSuccess: () => resolve(true),
          onError: () => resolve(false),
        }).start();
      });
      expect(resumed, `cut ${cut}`).toBe(true);
      expect(taps.requests.map((r) => [r.uploadOffset, r.taken])).toEqual([
        ['0', cut],
        [String(cut), file.length - cut],
      ]);
      const row = await own.db.selectFrom('files').select(['size_bytes', 'sha256']).where('id', '=', location.split('/').pop()!).executeTakeFirst();
      expect(row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
    } finally {
      await own.dispose();
    }
  }, 60_000);
});

describe('the upload endpoint, spoken to directly', () => {
  it('answers Upload-Expires (from the configured abandon period) on creation, PATCH and HEAD', async () => {
    const created = await tusCreate(app, customer, projectId, 'expiring.stl', 1000);
    expect(created.statusCode).toBe(201);
    const location = created.headers.location as string;
    const row = await app.db.selectFrom('file_uploads').select('created_at').where('id', '=', location.split('/').pop()!).executeTakeFirstOrThrow();
    const expires = new Date(row.created_at.getTime() + app.config.uploads.abandonAfterDays * 86_400_000).toUTCString();
    expect(created.headers['upload-expires']).toBe(expires);
    const patch = await app.http.inject({
      method: 'PATCH',
      url: location,
      headers: { ...(await authHeaders(customer)), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.alloc(1, 1),
    });
    expect(patch.statusCode).toBe(204);
    expect(patch.headers['upload-offset']).toBe('1'); // one byte advances the offset
    expect(patch.headers['upload-expires']).toBe(expires);
    expect((await tusHead(app, customer, location)).headers['upload-expires']).toBe(expires);
  });

  it('refuses a creation body longer than the upload it creates, before creating anything', async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/uploads`,
      headers: {
        ...(await authHeaders(customer)),
        'upload-length': '10',
        'upload-metadata': `filename ${Buffer.from('too-long.stl').toString('base64')}`,
        'content-type': 'application/offset+octet-stream',
      },
      payload: Buffer.alloc(20, 1),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await app.db.selectFrom('file_uploads').select('id').where('original_name', '=', 'too-long.stl').executeTakeFirst()).toBeUndefined();
  });

  it('lets one PATCH write an upload at a time: a second one meanwhile gets a 409 problem, the first goes on', async () => {
    const file = randomBytes(100 * 1024);
    const created = await tusCreate(app, customer, projectId, 'contended.stl', file.length);
    const location = created.headers.location as string;
    const headers = await authHeaders(customer);
    let secondAnswer: { status: number; type: string } | undefined;
    const firstReceived = handlerReceived((request) => request.method === 'PATCH' && request.url === location, 1000);
    const first = new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: location,
        headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(file.length) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(file.subarray(0, 1000));
      firstReceived.received
        .then(async () => {
          const second = await app.http.inject({
            method: 'PATCH',
            url: location,
            headers: { ...headers, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
            payload: file,
          });
          secondAnswer = { status: second.statusCode, type: String(second.headers['content-type']) };
          req.end(file.subarray(1000));
        })
        .catch(reject);
    });
    expect(await first).toBe(204);
    expect(secondAnswer?.status).toBe(409);
    expect(secondAnswer?.type).toContain('application/problem+json');
    expect((await storedFile(`http://x${location}`)).row).toMatchObject({ size_bytes: file.length, sha256: sha256(file) });
  });
});
