import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertVertexBudget, type ModelLimits } from './limits.js';
import type { CountedEdges } from './edge-counts.js';
import type { MeshBounds } from './mesh.js';
import { modelTooLarge } from './models.errors.js';
import { TriangleSums } from './triangle-sums.js';
import { expectedVertices, Float32Welder, STL_RECORD_BYTES, tableSlots, type StlRecordWelder } from './vertex-welder.js';

/**
 * The binary STL kernel in WebAssembly (packages/mesh-kernel, built to dist/wasm/mesh-kernel.wasm with the
 * server by `npm run build`): welding, the sums, the box (stl-weld.ts) and the edge count (edges.ts), with
 * the algorithms of Float32Welder, TriangleSums and topology.ts. Those stay the reference and the path
 * for a model whose worst case does not fit a 32-bit memory; stl-weld-kernel.test.ts runs both on the
 * same records and compares what they give. Compiled from its first call, it takes a one-shot
 * `meshvault model analyze` of a 1M-triangle STL from 0.32 to 0.23 CPU seconds (`npm run bench --
 * mesh-analysis`).
 */
export function openStlWelder(limits: ModelLimits, triangles: number, expectedTriangles: number): StlRecordWelder {
  return StlWeldKernel.open(limits, triangles, expectedTriangles) ?? new Float32Welder(limits, expectedTriangles);
}

/** Records handed to the kernel at once: 1 MB, as many as the file reader reads per block. */
export const STL_BLOCK_RECORDS = 20_000;

const pageBytes = 65_536;
/** A 32-bit memory's 65,536 pages. */
const maxPages = 65_536;
/** Below it, the kernel's own static data (it has none today); the layout starts at page 1. */
const layoutStart = pageBytes;
const recentBytes = 16_384 * 16;
const stopReasons = { notFinite: 1, overBudget: 2, outOfMemory: 3 } as const;

/** The part of the WebAssembly API used here, typed here: the server's build has no DOM types, where TypeScript declares it. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { exports: unknown };
}
type WasmModule = { readonly kind: 'compiled kernel' };
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  start(recent: number, ids: number, keys: number, table: number, slots: number, end: number, vertexBudget: number): void;
  weld(block: number, records: number): number;
  vertexCount(): number;
  cornerCount(): number;
  stopReason(): number;
  volume6Sum(): number;
  area2Sum(): number;
  degenerateCount(): number;
  bound(which: number): number;
  beginEdges(corners: number, triangles: number, vertices: number, start: number, skipped: number, pairs: number, parent: number): void;
  countSides(from: number, to: number): void;
  sumStarts(vertices: number): void;
  scatter(from: number, to: number): void;
  walkBuckets(from: number, to: number): void;
  edgeCount(): number;
  openEdgeCount(): number;
  nonManifoldEdgeCount(): number;
  inconsistentEdgeCount(): number;
  shellMerges(): number;
  repeatedVertexTriangles(): number;
}

class StlWeldKernel implements StlRecordWelder {
  /**
   * A kernel for a model of at most `triangles` triangles (announced by its header), its table sized
   * for `expectedTriangles`. Null when its worst case (three distinct vertices per triangle, the table
   * doubled to match, the tables it outgrew) would not fit a 32-bit memory, or the memory cannot be had.
   * Ids and keys are laid out for every triangle announced, but pages are resident only once written:
   * an announced count that the data never reaches costs address space, not memory.
   */
  static open(limits: ModelLimits, triangles: number, expectedTriangles: number): StlWeldKernel | null {
    const maxVertices = Math.min(3 * triangles, limits.maxVertices);
    const block = layoutStart;
    const recent = block + STL_BLOCK_RECORDS * STL_RECORD_BYTES;
    const ids = recent + recentBytes;
    const keys = ids + 12 * triangles;
    // The edge count's regions (edges.ts): a bucket start per vertex, a byte and a parent per
    // triangle, hi and code per side.
    const start = keys + 12 * maxVertices;
    const skipped = start + 4 * (maxVertices + 1);
    const parent = skipped + 4 * Math.ceil(triangles / 4);
    const pairs = parent + 4 * triangles;
    const table = pairs + 24 * triangles;
    // The tables it outgrows stay behind the last: together at most the size of the last.
    if (table + 2 * 4 * tableSlots(maxVertices) > maxPages * pageBytes) return null;
    const slots = tableSlots(expectedVertices(expectedTriangles));
    const end = table + 4 * slots;
    let memory: WasmMemory;
    try {
      memory = new wasm.Memory({ initial: Math.ceil(end / pageBytes), maximum: maxPages });
    } catch {
      return null;
    }
    const kernel = new wasm.Instance(kernelModule(), { env: { memory } }).exports as KernelExports;
    kernel.start(recent, ids, keys, table, slots, end, maxVertices);
    return new StlWeldKernel(limits, triangles, memory, kernel, { block, ids, keys, start, skipped, parent, pairs });
  }

  private constructor(
    private readonly limits: ModelLimits,
    /** The triangles the regions were laid out for: one more would write past the ids into the keys. */
    private readonly triangles: number,
    private readonly memory: WasmMemory,
    private readonly kernel: KernelExports,
    private readonly at: { block: number; ids: number; keys: number; start: number; skipped: number; parent: number; pairs: number },
  ) {}

  get count(): number {
    return this.kernel.vertexCount();
  }

  recordBlock(records: number): Uint8Array {
    if (records > STL_BLOCK_RECORDS) throw new RangeError(`at most ${STL_BLOCK_RECORDS} records per block`);
    return new Uint8Array(this.memory.buffer, this.at.block, records * STL_RECORD_BYTES);
  }

  weldBlock(records: number): number {
    if (this.kernel.cornerCount() / 3 + records > this.triangles) throw new RangeError(`the kernel was laid out for ${this.triangles} triangles`);
    const stopped = this.kernel.weld(this.at.block, records);
    if (stopped < 0) return -1;
    switch (this.kernel.stopReason()) {
      case stopReasons.notFinite:
        return stopped;
      case stopReasons.overBudget:
        assertVertexBudget(this.count + 1, this.limits);
        throw new Error('the STL kernel stopped over a vertex budget the model is within');
      default:
        throw modelTooLarge('The model has too many distinct vertices for the analyser’s working memory (4 GiB).', { vertices: this.count });
    }
  }

  measured(): { sums: TriangleSums; bounds?: MeshBounds } {
    const sums = new TriangleSums();
    sums.volume6 = this.kernel.volume6Sum();
    sums.area2 = this.kernel.area2Sum();
    sums.degenerate = this.kernel.degenerateCount();
    if (this.count === 0) return { sums };
    const bound = (which: number) => this.kernel.bound(which);
    return { sums, bounds: { min: [bound(0), bound(1), bound(2)], max: [bound(3), bound(4), bound(5)] } };
  }

  corners(): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.at.ids, this.kernel.cornerCount());
  }

  positions(): Float32Array {
    return new Float32Array(this.memory.buffer, this.at.keys, 3 * this.count);
  }

  /** The table lives in the kernel's memory, which cannot shrink; it goes when the welder does. */
  dropTable(): void {}

  /** Counts the edges of the welded mesh in the regions laid out for them: memory does not grow, so the mesh's views stay good. */
  countEdges(): CountedEdges {
    const { kernel, at } = this;
    const triangles = kernel.cornerCount() / 3;
    const vertices = this.count;
    kernel.beginEdges(at.ids, triangles, vertices, at.start, at.skipped, at.pairs, at.parent);
    // Each pass a slice per call (see beginEdges in edges.ts): optimised code from the second or third.
    inSlices(triangles, (from, to) => kernel.countSides(from, to));
    kernel.sumStarts(vertices);
    inSlices(triangles, (from, to) => kernel.scatter(from, to));
    inSlices(vertices, (from, to) => kernel.walkBuckets(from, to));
    const buffer = this.memory.buffer;
    const start = new Uint32Array(buffer, at.start, vertices + 1);
    return {
      sides: { start, pairs: new Uint32Array(buffer, at.pairs, 2 * start[vertices]!) },
      skipped: new Uint8Array(buffer, at.skipped, triangles),
      repeated: kernel.repeatedVertexTriangles(),
      edges: kernel.edgeCount(),
      open: kernel.openEdgeCount(),
      nonManifold: kernel.nonManifoldEdgeCount(),
      inconsistent: kernel.inconsistentEdgeCount(),
      merges: kernel.shellMerges(),
    };
  }
}

/** Runs `pass` over [0, count) in slices of 1/16th (at least 4,096 items, so a small mesh makes few calls). */
function inSlices(count: number, pass: (from: number, to: number) => void): void {
  const slice = Math.max(4096, Math.ceil(count / 16));
  for (let from = 0; from < count; from += slice) pass(from, Math.min(count, from + slice));
}

let compiled: WasmModule | undefined;

/** The kernel, compiled once per process (a 1 KB module: well under a millisecond). */
function kernelModule(): WasmModule {
  if (compiled) return compiled;
  // dist/wasm/ from src/modules/models (tsx, tests) and from dist/server/modules/models alike.
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(fromSource ? '../../../dist/wasm/mesh-kernel.wasm' : '../../../wasm/mesh-kernel.wasm', import.meta.url));
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`The mesh kernel ${file} is missing: \`npm run build\` makes it.`, { cause: error });
    throw error;
  }
  compiled = new wasm.Module(bytes);
  return compiled;
}
