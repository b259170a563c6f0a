/** The project pages' pure helpers, run in Node: the tus client against a fake server, and formatting. */
import { describe, expect, it } from 'vitest';
import { gridStep } from '../../web/src/lib/viewer/stage.js';
import { formatOf } from '../../web/src/lib/viewer/parse-model.js';
import { checkModelFile } from '../../web/src/features/projects/uploads/use-uploads.js';
import { toBase64, uploadWithTus, type TusTransport } from '../../web/src/features/projects/uploads/tus-upload.js';
import { formatMoney, formatSize, parseMoneyToCents } from '../../web/src/features/projects/utils/format.js';
import { ApiError } from '../../web/src/lib/api/api-error.js';

const ALIGN = 64 * 1024;

/** A tus server that, like the vault, keeps only whole 64 KiB chunks of any piece but the last. */
function fakeServer(total: number, faults: { networkOnPatch?: number[]; conflictOnPatch?: number[] } = {}) {
  const received = new Uint8Array(total);
  let offset = 0;
  let patches = 0;
  const log: string[] = [];
  const transport: TusTransport = async (path, init) => {
    const headers = new Headers();
    log.push(`${init.method} ${init.headers?.['upload-offset'] ?? ''}`.trim());
    if (init.method === 'POST') {
      expect(init.headers?.['upload-length']).toBe(String(total));
      expect(init.headers?.['tus-resumable']).toBe('1.0.0');
      headers.set('location', '/api/uploads/0b6a4a0e-2a8f-4b8e-9a43-6f2b9d8a1c11');
      return new Response(null, { status: 201, headers });
    }
    expect(path).toBe('/api/uploads/0b6a4a0e-2a8f-4b8e-9a43-6f2b9d8a1c11');
    if (init.method === 'HEAD') {
      headers.set('upload-offset', String(offset));
      return new Response(null, { status: 200, headers });
    }
    if (init.method === 'DELETE') return new Response(null, { status: 204 });
    patches++;
    if (faults.networkOnPatch?.includes(patches)) throw new ApiError(0, { code: 'network', detail: 'offline' });
    if (faults.conflictOnPatch?.includes(patches)) throw new ApiError(409, { code: 'conflict', detail: 'busy' });
    const at = Number(init.headers?.['upload-offset']);
    if (at !== offset) throw new ApiError(409, { code: 'conflict', detail: `continue at ${offset}` });
    const bytes = new Uint8Array(await (init.body as Blob).arrayBuffer());
    const end = at + bytes.length;
    const kept = end === total ? end : Math.floor(end / ALIGN) * ALIGN;
    received.set(bytes.subarray(0, kept - at), at);
    offset = Math.max(offset, kept);
    headers.set('upload-offset', String(offset));
    return new Response(null, { status: 204, headers });
  };
  return { transport, received, log, offset: () => offset };
}

function sampleFile(size: number): Blob {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return new Blob([bytes]);
}

const noSleep = async () => undefined;

describe('uploadWithTus', () => {
  it('sends slices from the offset the server acknowledged, and every byte arrives in place', async () => {
    const size = 5 * ALIGN + 1234;
    const file = sampleFile(size);
    const server = fakeServer(size);
    const progress: number[] = [];
    // Slices that are not chunk-aligned: the server keeps less than each one, and the client follows it.
    const result = await uploadWithTus({ projectId: 'p', file, name: 'part.stl', chunkBytes: ALIGN + 1000, transport: server.transport, sleep: noSleep, onProgress: (n) => progress.push(n) });
    expect(result.fileId).toBe('0b6a4a0e-2a8f-4b8e-9a43-6f2b9d8a1c11');
    expect(Buffer.from(server.received).equals(Buffer.from(await file.arrayBuffer()))).toBe(true);
    expect(progress.at(-1)).toBe(size);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(server.log.filter((l) => l.startsWith('PATCH')).slice(0, 3)).toEqual(['PATCH 0', `PATCH ${ALIGN}`, `PATCH ${2 * ALIGN}`]);
  });

  it('resumes from HEAD after a broken connection and after a conflict', async () => {
    const size = 3 * ALIGN;
    const file = sampleFile(size);
    const server = fakeServer(size, { networkOnPatch: [2], conflictOnPatch: [3] });
    const retries: number[] = [];
    await uploadWithTus({ projectId: 'p', file, name: 'part.stl', chunkBytes: ALIGN, transport: server.transport, sleep: noSleep, onRetry: (n) => retries.push(n) });
    expect(Buffer.from(server.received).equals(Buffer.from(await file.arrayBuffer()))).toBe(true);
    expect(retries).toEqual([1, 2]);
    expect(server.log).toEqual(['POST', 'PATCH 0', `PATCH ${ALIGN}`, 'HEAD', `PATCH ${ALIGN}`, 'HEAD', `PATCH ${ALIGN}`, `PATCH ${2 * ALIGN}`]);
  });

  it('gives up after the allowed retries, and at once on a refusal', async () => {
    const file = sampleFile(ALIGN);
    const offline = fakeServer(ALIGN, { networkOnPatch: [1, 2, 3, 4] });
    await expect(uploadWithTus({ projectId: 'p', file, name: 'a.stl', retries: 3, transport: offline.transport, sleep: noSleep })).rejects.toMatchObject({ status: 0 });
    expect(offline.log.filter((l) => l.startsWith('PATCH'))).toHaveLength(4);

    const refusing: TusTransport = async (_path, init) => {
      if (init.method === 'POST') return new Response(null, { status: 201, headers: { location: '/api/uploads/x' } });
      throw new ApiError(415, { code: 'unsupported_media_type', detail: 'no' });
    };
    let sleeps = 0;
    await expect(uploadWithTus({ projectId: 'p', file, name: 'a.stl', transport: refusing, sleep: async () => void sleeps++ })).rejects.toMatchObject({ status: 415 });
    expect(sleeps).toBe(0);
  });

  it('terminates the upload when the person cancels', async () => {
    const file = sampleFile(2 * ALIGN);
    const server = fakeServer(2 * ALIGN);
    const controller = new AbortController();
    const cancelling: TusTransport = async (path, init) => {
      if (init.method === 'PATCH') {
        controller.abort();
        throw new DOMException('Aborted', 'AbortError');
      }
      return server.transport(path, init);
    };
    await expect(uploadWithTus({ projectId: 'p', file, name: 'a.stl', signal: controller.signal, transport: cancelling, sleep: noSleep })).rejects.toThrow('Aborted');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.log).toContain('DELETE');
  });

  it('encodes file names as base64 of UTF-8, as tus metadata requires', () => {
    expect(toBase64('world.stl')).toBe(Buffer.from('world.stl').toString('base64'));
    expect(toBase64('Zahnrad – groß.3mf')).toBe(Buffer.from('Zahnrad – groß.3mf', 'utf8').toString('base64'));
  });
});

describe('project helpers', () => {
  it('accepts only the model types the server accepts, and no empty file', () => {
    expect(checkModelFile({ name: 'part.STL', size: 10 })).toBeNull();
    expect(checkModelFile({ name: 'scene.glb', size: 10 })).toBeNull();
    expect(checkModelFile({ name: 'notes.txt', size: 10 })).toMatch(/not a 3D model/);
    expect(checkModelFile({ name: 'part.stl', size: 0 })).toMatch(/empty/);
    expect(formatOf('a.GLB')).toBe('gltf');
    expect(formatOf('a.step')).toBeNull();
  });

  it('reads prices as people type them', () => {
    expect(parseMoneyToCents('99.50')).toBe(9950);
    expect(parseMoneyToCents('99,5')).toBe(9950);
    expect(parseMoneyToCents('1,250.00')).toBe(125000);
    expect(parseMoneyToCents('12')).toBe(1200);
    expect(parseMoneyToCents('-3')).toBeNull();
    expect(parseMoneyToCents('1.234')).toBeNull();
    expect(parseMoneyToCents('')).toBeNull();
    expect(formatMoney(9950, 'EUR')).toBe('€99.50');
    expect(formatSize({ x: 20, y: 2.5, z: 0.125 })).toBe('20 × 2.5 × 0.13 mm');
  });

  it('picks grid cells of 1, 2 or 5 times a power of ten', () => {
    expect(gridStep(20)).toBe(2);
    expect(gridStep(256)).toBe(50);
    expect(gridStep(0.7)).toBe(0.1);
    expect(gridStep(1000)).toBe(100);
  });
});
