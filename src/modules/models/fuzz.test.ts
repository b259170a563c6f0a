import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/index.js';
import { analyzeModelStream, ZModelAnalysis } from './index.js';
import { createRandom, makeBox, makeSphere, mergeMeshes, to3mf, toAsciiStl, toBinaryStl, toGlb, toGltfJson, toObj, toPly } from './test-meshes.js';

/**
 * Seeded mutation fuzzing over valid files of every format: bit flips, byte overwrites, truncation,
 * splicing two files, and duplicated or deleted ranges. Every outcome must be a valid analysis or a
 * deliberate AppError, never another exception, never the last-resort guard (details.internal), never
 * a hang (vitest's timeout would fail the test).
 */
// Longer local runs: MESHVAULT_FUZZ_ITERATIONS=20000 MESHVAULT_FUZZ_SEED=7 npx vitest run src/modules/models/fuzz.test.ts
const iterations = Number(process.env['MESHVAULT_FUZZ_ITERATIONS'] ?? 400);
const seed = Number(process.env['MESHVAULT_FUZZ_SEED'] ?? 20240611);

type Mutation = (input: Buffer, other: Buffer, random: () => number) => Buffer;

const pick = (random: () => number, n: number): number => Math.floor(random() * n);

const mutations: Record<string, Mutation> = {
  bitFlips: (input, _, random) => {
    const out = Buffer.from(input);
    for (let i = 0, n = 1 + pick(random, 8); i < n; i++) {
      const at = pick(random, out.length);
      out[at] = (out[at] ?? 0) ^ (1 << pick(random, 8));
    }
    return out;
  },
  overwrite: (input, _, random) => {
    const out = Buffer.from(input);
    const interesting = [0, 0xff, 0x7f, 0x80, 0x2d, 0x30, 0x0a, 0x20, 0x3c, 0x22];
    for (let i = 0, n = 1 + pick(random, 6); i < n; i++) out[pick(random, out.length)] = random() < 0.5 ? (interesting[pick(random, interesting.length)] ?? 0) : pick(random, 256);
    return out;
  },
  truncate: (input, _, random) => input.subarray(0, pick(random, input.length)),
  splice: (input, other, random) => Buffer.concat([input.subarray(0, pick(random, input.length)), other.subarray(pick(random, other.length))]),
  duplicateRange: (input, _, random) => {
    const start = pick(random, input.length);
    const end = Math.min(input.length, start + pick(random, 200));
    return Buffer.concat([input.subarray(0, end), input.subarray(start, end), input.subarray(end)]);
  },
  deleteRange: (input, _, random) => {
    const start = pick(random, input.length);
    return Buffer.concat([input.subarray(0, start), input.subarray(Math.min(input.length, start + 1 + pick(random, 64)))]);
  },
  hugeNumber: (input, _, random) => {
    const out = Buffer.from(input);
    out.writeUInt32LE([0xffffffff, 0x7fffffff, 1_000_000_000, 65_537][pick(random, 4)] ?? 0, 4 * pick(random, Math.floor(out.length / 4)));
    return out;
  },
};

describe('fuzzing the parsers with mutated valid files', () => {
  it(`${iterations} seeded mutations end in an analysis or a deliberate AppError`, async () => {
    const mesh = mergeMeshes(makeBox([-1, -2, -3], [2, 3, 4]), makeSphere([5, 5, 5], 2, 4, 6));
    const seeds: { name: string; bytes: Buffer }[] = [
      { name: 'model.stl', bytes: toBinaryStl(mesh) },
      { name: 'model.stl', bytes: Buffer.from(toAsciiStl(mesh)) },
      { name: 'model.obj', bytes: Buffer.from(toObj(mesh)) },
      { name: 'model.ply', bytes: toPly(mesh, 'ascii') },
      { name: 'model.ply', bytes: toPly(mesh, 'binary_little_endian') },
      { name: 'model.ply', bytes: toPly(mesh, 'binary_big_endian') },
      { name: 'model.3mf', bytes: await to3mf(mesh) },
      { name: 'model.glb', bytes: toGlb(mesh, { translation: [1, 0, 0] }) },
      { name: 'model.gltf', bytes: Buffer.from(toGltfJson(mesh)) },
    ];
    const random = createRandom(seed);
    const names = Object.keys(mutations);
    const outcomes = { analysed: 0, refused: 0 };
    const failures: string[] = [];
    for (let i = 0; i < iterations; i++) {
      const base = seeds[i % seeds.length];
      const other = seeds[pick(random, seeds.length)];
      const name = names[pick(random, names.length)] ?? 'truncate';
      if (base === undefined || other === undefined) continue;
      let input = (mutations[name] ?? mutations['truncate'])!(base.bytes, other.bytes, random);
      if (random() < 0.3) input = mutations['bitFlips']!(input, other.bytes, random);
      const withName = random() < 0.7;
      try {
        const analysis = await analyzeModelStream(Readable.from(input.length === 0 ? [] : [input]), withName ? { filename: base.name } : {});
        ZModelAnalysis.parse(analysis);
        outcomes.analysed++;
      } catch (error) {
        if (isAppError(error) && error.details['internal'] !== true) outcomes.refused++;
        else failures.push(`#${i} ${name} on ${base.name}: ${error instanceof Error ? `${error.name} ${error.message}` : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
    // The mutations must exercise both paths, or the test would prove nothing.
    expect(outcomes.analysed).toBeGreaterThan(iterations / 20);
    expect(outcomes.refused).toBeGreaterThan(iterations / 4);
  });
});
