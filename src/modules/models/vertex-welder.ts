import { assertVertexBudget, type ModelLimits } from './limits.js';
import type { CountedEdges } from './edge-counts.js';
import type { MeshBounds } from './mesh.js';
import { measureStlRecords, TriangleSums } from './triangle-sums.js';

/** A binary STL record: normal, three corners (float32 × 3 each), a 2-byte attribute. */
export const STL_RECORD_BYTES = 50;

/**
 * What the binary STL reader needs of a welder: a block to read records into, then those records welded
 * where they lie. Float32Welder below, and the WebAssembly kernel of stl-weld-kernel.ts.
 */
export interface StlRecordWelder {
  /** Room for `records` records (a block's worth at most), valid until the next `weldBlock`. */
  recordBlock(records: number): Uint8Array;
  /**
   * Welds and measures the first `records` records of the block. Returns -1, or the index of the first
   * record with a coordinate that is not finite (the caller refuses the file, so what was welded and
   * measured of it is never used). Throws `payload_too_large` past the vertex budget.
   */
  weldBlock(records: number): number;
  /** The records' triangle-sums.ts sums, and the box of the distinct vertices when the welder kept it. */
  measured(): { sums?: TriangleSums; bounds?: MeshBounds };
  /** Distinct vertices so far. */
  readonly count: number;
  /** The welded ids, three per triangle. */
  corners(): Uint32Array;
  /** The distinct positions. The welder must not be used after. */
  positions(): Float32Array;
  /** Frees what only reading needed; ids and positions stay. */
  dropTable(): void;
  /** Counts the welded mesh's edges where it lies, when this welder can (else topology.ts does). */
  countEdges?(): CountedEdges;
}

/**
 * Welds single-precision vertices as they are read (STL): a triangle soup never exists in memory, only
 * the distinct positions and three ids per triangle. Vertices are equal when their coordinates are
 * exactly equal; coordinates are compared as IEEE bit patterns with -0 turned into +0, so equal bits mean
 * equal values. Every table is sized by what has arrived and doubles as it fills: a mesh of 1M triangles
 * and 0.5M distinct vertices holds 12 MB of ids, 6 MB of positions and a 4 MB hash, not tables for 3M corners.
 *
 * Bit patterns are kept as signed 32-bit integers throughout (Int32Array, `| 0`): V8 keeps those
 * unboxed, where an unsigned pattern above 2³¹ (any negative coordinate) would become a heap number
 * at every call boundary of this per-corner path.
 */
export class Float32Welder implements StlRecordWelder {
  /** x, y, z bit patterns of each distinct vertex; viewed as Float32Array by `positions()`. */
  private keys: Int32Array;
  /**
   * Open addressing, -1 when empty, else a vertex id in the bits of `idMask` and, above them, the hash
   * bits the slot index does not use (a tag). A probe passing other vertices compares tags, held in the
   * word it already read, and reads a vertex's keys (a cache miss on a large mesh) only when the tags
   * agree: a new vertex, most of the misses, is placed without reading any other vertex's keys. Ids stay
   * below half the slot count (the table is at most half full), so id and tag fit one non-negative int32.
   */
  private table: Int32Array;
  private mask: number;
  private idMask: number;
  /**
   * The vertices seen last, direct-mapped by the same hash: x, y, z bits and id + 1 (0: empty) per entry.
   * A mesh file lists a vertex again a few hundred triangles after it first appears (its neighbours come
   * next), so most corners are answered from these 256 KiB, which stay in the CPU cache, and only the
   * rest probe the big table, where every probe is a cache miss on a large mesh.
   */
  private readonly recent = new Int32Array(4 * recentEntries);
  count = 0;
  /** Three welded ids per triangle read so far. */
  private ids: Uint32Array;
  private triangles = 0;
  /** Where recordBlock's records are read: made at the first block, at that block's size. */
  private staging: Uint8Array | null = null;
  /** The sums of the records of weldBlock; none for triangles given one by one (addTriangle). */
  private sums: TriangleSums | null = null;

  /**
   * `expectedTriangles`: how many triangles will come (a validated count, or a cautious guess for a
   * stream). A closed mesh has about half as many distinct vertices as triangles, so the positions and
   * the hash start at that size: such a mesh is read without a single regrowth or rehash, and the
   * tables end no larger than doubling would have made them. Anything with more vertices grows as before.
   */
  constructor(
    private readonly limits: ModelLimits,
    expectedTriangles = 4096,
  ) {
    this.ids = new Uint32Array(3 * Math.max(16, expectedTriangles));
    const vertices = expectedVertices(expectedTriangles);
    this.keys = new Int32Array(3 * vertices);
    const slots = tableSlots(vertices);
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.idMask = slots / 2 - 1;
  }

  recordBlock(records: number): Uint8Array {
    const bytes = records * STL_RECORD_BYTES;
    if (this.staging === null || this.staging.byteLength < bytes) this.staging = new Uint8Array(bytes);
    return this.staging.subarray(0, bytes);
  }

  weldBlock(records: number): number {
    const staging = this.staging;
    if (staging === null) throw new Error('weldBlock before recordBlock');
    const view = new DataView(staging.buffer, staging.byteOffset, staging.byteLength);
    this.sums ??= new TriangleSums();
    measureStlRecords(view, 0, records, this.sums);
    return this.addStlRecords(view, 0, records);
  }

  /** measures.ts finds the box from the positions, and the sums from the mesh when there are none. */
  measured(): { sums?: TriangleSums } {
    return this.sums === null ? {} : { sums: this.sums };
  }

  /** Adds one triangle given the coordinate bits of its corners (finite, -0 already +0). */
  addTriangle(bits: Int32Array | Uint32Array): void {
    this.reserve(1);
    const t = 3 * this.triangles++;
    for (let k = 0; k < 3; k++) this.ids[t + k] = this.add(bits[3 * k]! | 0, bits[3 * k + 1]! | 0, bits[3 * k + 2]! | 0);
  }

  /**
   * Binary STL's hot loop: welds `count` 50-byte records starting at byte `p` of `view` (normal, three
   * corners, attribute; the normal is ignored). Returns -1, or the index among these records of the
   * first one with a coordinate that is not finite (the records before it are added; it is not, though
   * its corners before the bad coordinate may be: the file is refused, so nothing reads them).
   */
  addStlRecords(view: DataView, p: number, count: number): number {
    this.reserve(count);
    const ids = this.ids;
    let t = 3 * this.triangles;
    for (let r = 0; r < count; r++, p += 50) {
      // One call site for the three corners: the optimising compiler inlines `add` once, not three
      // times, which matters in a one-shot process where its compile time is part of the bill.
      for (let q = p + 12; q < p + 48; q += 12) {
        const x = view.getInt32(q, true);
        const y = view.getInt32(q + 4, true);
        const z = view.getInt32(q + 8, true);
        // Infinite or NaN: all exponent bits set. The caller refuses the file, so the corners of this
        // record already welded are never used.
        if ((x & exponentBits) === exponentBits || (y & exponentBits) === exponentBits || (z & exponentBits) === exponentBits) return r;
        // -0 → +0, so welding by bits agrees with welding by value.
        ids[t++] = this.add(x === negativeZero ? 0 : x, y === negativeZero ? 0 : y, z === negativeZero ? 0 : z);
      }
      this.triangles++;
    }
    return -1;
  }

  /** Returns the welded id of the vertex with these coordinate bits (as int32). */
  private add(bx: number, by: number, bz: number): number {
    const hash = hashBits(bx, by, bz);
    const recent = this.recent;
    const r = 4 * (hash & (recentEntries - 1));
    if (recent[r] === bx && recent[r + 1] === by && recent[r + 2] === bz && recent[r + 3] !== 0) return recent[r + 3]! - 1;
    const id = this.lookup(hash, bx, by, bz);
    recent[r] = bx;
    recent[r + 1] = by;
    recent[r + 2] = bz;
    recent[r + 3] = id + 1;
    return id;
  }

  /** The big table: the id of these bits, added when new. */
  private lookup(hash: number, bx: number, by: number, bz: number): number {
    const keys = this.keys;
    const table = this.table;
    const mask = this.mask;
    const idMask = this.idMask;
    const tag = (hash & ~mask) >>> 1;
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot]!;
      if (entry < 0) break;
      if ((entry & ~idMask) === tag) {
        const id = entry & idMask;
        const k = 3 * id;
        if (keys[k] === bx && keys[k + 1] === by && keys[k + 2] === bz) return id;
      }
      slot = (slot + 1) & mask;
    }
    assertVertexBudget(this.count + 1, this.limits);
    const id = this.count++;
    if (3 * id + 3 > keys.length) this.growKeys();
    const k = 3 * id;
    this.keys[k] = bx;
    this.keys[k + 1] = by;
    this.keys[k + 2] = bz;
    table[slot] = tag | id;
    if (2 * this.count > table.length) this.rehash();
    return id;
  }

  /** The welded ids, three per triangle (a view, no copy). */
  corners(): Uint32Array {
    return this.ids.subarray(0, 3 * this.triangles);
  }

  /** The distinct positions (a view sharing the key buffer, no copy). The welder must not be used after. */
  positions(): Float32Array {
    return new Float32Array(this.keys.buffer, 0, 3 * this.count);
  }

  /** Frees the hash once reading is done; ids and positions stay. */
  dropTable(): void {
    this.table = new Int32Array(0);
  }

  /** Room for `more` triangles' ids, doubling: sized by the triangles that arrive, not those announced. */
  private reserve(more: number): void {
    const needed = 3 * (this.triangles + more);
    if (needed <= this.ids.length) return;
    const next = new Uint32Array(Math.max(needed, 2 * this.ids.length));
    next.set(this.ids.subarray(0, 3 * this.triangles));
    this.ids = next;
  }

  private growKeys(): void {
    const next = new Int32Array(2 * this.keys.length);
    next.set(this.keys);
    this.keys = next;
  }

  private rehash(): void {
    const size = 2 * this.table.length;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const keys = this.keys;
    for (let id = 0; id < this.count; id++) {
      const k = 3 * id;
      const hash = hashBits(keys[k]!, keys[k + 1]!, keys[k + 2]!);
      let slot = hash & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = ((hash & ~mask) >>> 1) | id;
    }
    this.table = table;
    this.mask = mask;
    this.idMask = size / 2 - 1;
  }
}

/** The vertices a welder starts with room for: a closed mesh's, half its triangles (see the constructor). */
export const expectedVertices = (expectedTriangles: number): number => Math.max(1024, Math.ceil(expectedTriangles / 2) + 2);

/** Slots of a hash table for `vertices`, at most half full: a power of two. */
export const tableSlots = (vertices: number): number => 2 ** Math.ceil(Math.log2(2 * vertices));

const recentEntries = 16_384;
const exponentBits = 0x7f800000;
const negativeZero = -0x80000000;

export function hashBits(x: number, y: number, z: number): number {
  let h = Math.imul(x ^ 0x811c9dc5, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ y, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13) ^ z, 0xc2b2ae3d);
  return h ^ (h >>> 16);
}
