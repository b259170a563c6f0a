import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../../platform/errors/index.js';
import { analyzeModelStream, createModelAnalyser, defaultModelLimits, memoryRefusal, modelLimitsForMemory } from './index.js';
import { makeBox, makeSphere, toBinaryStl } from './test-meshes.js';

const sphere = toBinaryStl(makeSphere([-60, -50, -40], 15, 50, 100));

/**
 * A binary STL of `triangles` triangles made on the fly (never whole in this process), every vertex
 * distinct, so its analysis needs memory in proportion to the triangle count.
 */
function distinctVertexStl(triangles: number): Readable {
  const perChunk = 4096;
  async function* chunks(): AsyncGenerator<Buffer> {
    const header = Buffer.alloc(84);
    header[0] = 0xff;
    header.writeUInt32LE(triangles, 80);
    yield header;
    for (let done = 0; done < triangles; done += perChunk) {
      const n = Math.min(perChunk, triangles - done);
      const out = Buffer.alloc(50 * n);
      for (let i = 0; i < n; i++) {
        const t = done + i;
        for (let k = 0; k < 3; k++) {
          const p = 50 * i + 12 + 12 * k;
          out.writeFloatLE(t % 4096, p);
          out.writeFloatLE(Math.floor(t / 4096), p + 4);
          out.writeFloatLE(k, p + 8);
        }
      }
      yield out;
    }
  }
  return Readable.from(chunks());
}

/**
 * A binary STL of a flat grid `columns` squares wide, made on the fly: two triangles per square and
 * about half a distinct vertex per triangle, like a real mesh.
 */
function gridStl(triangles: number, columns = 1000): Readable {
  const rows = Math.ceil(triangles / (2 * columns));
  async function* chunks(): AsyncGenerator<Buffer> {
    const header = Buffer.alloc(84);
    header[0] = 0xff;
    header.writeUInt32LE(triangles, 80);
    yield header;
    let written = 0;
    for (let row = 0; row < rows && written < triangles; row++) {
      const out = Buffer.alloc(50 * 2 * columns);
      let n = 0;
      for (let col = 0; col < columns && written < triangles; col++) {
        const corners = [[col, row], [col + 1, row], [col + 1, row + 1], [col, row], [col + 1, row + 1], [col, row + 1]];
        for (let t = 0; t < 2 && written < triangles; t++, written++, n++) {
          for (let k = 0; k < 3; k++) {
            const [x, y] = corners[3 * t + k] ?? [0, 0];
            out.writeFloatLE(-(x ?? 0), 50 * n + 12 + 12 * k);
            out.writeFloatLE(-(y ?? 0), 50 * n + 16 + 12 * k);
            out.writeFloatLE(-1, 50 * n + 20 + 12 * k);
          }
        }
      }
      yield out.subarray(0, 50 * n);
    }
  }
  return Readable.from(chunks());
}

async function refusalOf(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('the analysis succeeded');
}

describe('model analysis in a child process', () => {
  it('gives back the whole in-process result, within the budget', async () => {
    const analyser = createModelAnalyser({ memoryMb: 1024 });
    const inChild = await analyser.analyze(Readable.from([sphere]), { filename: 'sphere.stl', byteLength: sphere.length, units: 'cm' });
    const inProcess = await analyzeModelStream(Readable.from([sphere]), { filename: 'sphere.stl', byteLength: sphere.length, units: 'cm' });
    expect(inChild.analysis).toEqual(inProcess);
    expect(inChild.peakRssBytes).toBeGreaterThan(0);
    expect(inChild.peakRssBytes).toBeLessThan(1024 * 1024 * 1024);
  }, 60_000);

  it('answers a refusal of the file as the same AppError', async () => {
    const analyser = createModelAnalyser({ memoryMb: 1024 });
    const truncated = sphere.subarray(0, 84 + 50 * 100 + 17);
    const error = await refusalOf(analyser.analyze(Readable.from([truncated]), { filename: 'broken.stl' }));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/truncated/);
  }, 60_000);

  it('kills a child whose memory passes the budget and says so; the next analysis runs', async () => {
    // Limits as if the budget were large, so the watchdog, not a limit, has to stop it.
    const analyser = createModelAnalyser({ memoryMb: 160, limits: defaultModelLimits });
    const error = await refusalOf(analyser.analyze(distinctVertexStl(3_000_000), { filename: 'big.stl' }));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe(memoryRefusal);
    expect(error.details).toMatchObject({ reason: 'memory', memoryMb: 160 });
    const cube = toBinaryStl(makeBox([0, 0, 0], [1, 1, 1]));
    expect((await analyser.analyze(Readable.from([cube]), { filename: 'cube.stl' })).analysis.triangles).toBe(12);
  }, 120_000);

  it('reports a child that dies as a crash worth retrying, and keeps working', async () => {
    let first = true;
    const analyser = createModelAnalyser({
      memoryMb: 1024,
      onChild: (child) => {
        if (first) child.kill('SIGKILL');
        first = false;
      },
    });
    const error = await refusalOf(analyser.analyze(Readable.from([sphere]), { filename: 'sphere.stl' }));
    expect(error.code).toBe('unavailable');
    expect(error.details).toMatchObject({ reason: 'crashed', signal: 'SIGKILL' });
    expect((await analyser.analyze(Readable.from([sphere]), { filename: 'sphere.stl' })).analysis.triangles).toBe(9800);
  }, 60_000);

  it('refuses a model over the triangle limit the budget allows, before analysing it', async () => {
    const limits = modelLimitsForMemory(160);
    const analyser = createModelAnalyser({ memoryMb: 160 });
    expect(analyser.limits.maxTriangles).toBe(limits.maxTriangles);
    const error = await refusalOf(analyser.analyze(distinctVertexStl(limits.maxTriangles + 1), { filename: 'big.stl' }));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/more than .* triangles/);
  }, 60_000);

  it('analyses a model at the triangle limit of a small budget with its memory under that budget', async () => {
    const budgetMb = 160;
    const { maxTriangles } = modelLimitsForMemory(budgetMb);
    const analyser = createModelAnalyser({ memoryMb: budgetMb });
    const { analysis, peakRssBytes } = await analyser.analyze(gridStl(maxTriangles), { filename: 'grid.stl' });
    expect(analysis.triangles).toBe(maxTriangles);
    expect(peakRssBytes).toBeLessThan(budgetMb * 1024 * 1024);
  }, 120_000);

  it('derives larger limits from a larger budget', () => {
    const small = modelLimitsForMemory(512);
    const large = modelLimitsForMemory(2048);
    expect(large.maxTriangles).toBeGreaterThan(3 * small.maxTriangles);
    expect(large.maxVertices).toBeGreaterThan(3 * small.maxVertices);
    expect(large.maxJsonBytes).toBeGreaterThan(3 * small.maxJsonBytes);
    expect(modelLimitsForMemory(64).maxTriangles).toBe(0);
  });
});
