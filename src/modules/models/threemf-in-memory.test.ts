import { watch, type FSWatcher } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/index.js';
import { analyzeModelStream, type AnalyzeModelStreamOptions } from './index.js';
import { makeBox, to3mf, zipParts } from './test-meshes.js';

/**
 * A streamed 3MF (an upload, a file decrypted from the vault) is a confidential model: it is unzipped
 * from memory, so no plaintext copy is written to the temporary directory, even for a moment, and a
 * hostile archive is refused with a clear error without anything being written either.
 */
const cube = makeBox([-1, -1, -1], [2, 2, 2]);
const SENTINEL = 'sentinel-written-by-the-test';

let dir = '';
let watcher: FSWatcher;
let seen: string[] = [];
let savedTmp: string | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshvault-3mf-watch-'));
  seen = [];
  // os.tmpdir() reads TMPDIR on every call: anything the analysis puts in "the" temp dir lands here.
  savedTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = dir;
  watcher = watch(dir, { recursive: false }, (_event, name) => void seen.push(String(name)));
});
afterEach(async () => {
  watcher.close();
  if (savedTmp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmp;
  await rm(dir, { recursive: true, force: true });
});

/** Every name created in the watched dir: a sentinel is written last, and inotify reports events in order. */
async function namesWritten(): Promise<string[]> {
  await writeFile(join(dir, SENTINEL), '');
  await expect.poll(() => seen.includes(SENTINEL)).toBe(true);
  return [...new Set(seen)].filter((n) => n !== SENTINEL);
}

async function refusal(bytes: Buffer, options: AnalyzeModelStreamOptions = {}) {
  try {
    await analyzeModelStream(Readable.from([bytes]), { filename: 'part.3mf', ...options });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, message: error.message, internal: error.details['internal'] === true };
  }
  throw new Error('the input was accepted');
}

/** A zip whose entry name is `name` exactly, even one a zip writer refuses to write ('../'): same-length placeholder swapped in the bytes. */
async function zipNamed(name: string, content: string): Promise<Buffer> {
  const placeholder = 'x'.repeat(name.length);
  const zip = await zipParts({ [placeholder]: content, '_rels/.rels': relsTo(placeholder) });
  return Buffer.from(zip.toString('latin1').replaceAll(placeholder, name), 'latin1');
}
const relsTo = (target: string) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Target="/${target}" Id="r" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>`;

describe('a streamed 3MF is unzipped in memory', () => {
  it('analyses it without writing anything to the temporary directory', async () => {
    const analysis = await analyzeModelStream(Readable.from([await to3mf(cube)]), { filename: 'part.3mf' });
    expect(analysis).toMatchObject({ format: '3mf', triangles: 12, watertight: true });
    expect(await namesWritten()).toEqual([]);
    expect(await readdir(dir)).toEqual([SENTINEL]);
  });

  it('refuses a file over the input limit while it arrives, before unzipping it', async () => {
    const zip = await to3mf(cube);
    const refused = await refusal(zip, { limits: { maxInputBytes: zip.length - 1 } });
    expect(refused).toMatchObject({ code: 'payload_too_large', internal: false });
    expect(await namesWritten()).toEqual([]);
  });

  it('refuses hostile and broken archives with a clear error, writing nothing', async () => {
    const bomb = await zipParts({ '3D/3dmodel.model': Buffer.alloc(20 * 1024 * 1024) });
    expect(await refusal(bomb)).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/zip bomb/) as unknown, internal: false });

    const traversal = await refusal(await zipNamed('../../../escaped.model', '<model/>'));
    expect(traversal).toMatchObject({ code: 'unprocessable', internal: false });
    expect(traversal.message).toMatch(/3MF zip archive is corrupt \(invalid relative path/);

    const whole = await to3mf(cube);
    const truncated = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(truncated).toMatchObject({ code: 'unprocessable', internal: false });
    expect(truncated.message).toMatch(/not a readable zip archive/);

    const notZip = await refusal(Buffer.from('solid cube\nendsolid cube\n'), { format: '3mf' });
    expect(notZip.code).toBe('unsupported_media_type');
    expect(notZip.message).toMatch(/3MF/);

    expect(await namesWritten()).toEqual([]);
    expect(await readdir(join(dir, '..'))).not.toContain('escaped.model');
  });
});
