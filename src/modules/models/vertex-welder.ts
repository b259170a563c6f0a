import { IndexList } from './growable-array.js';
import { assertVertexBudget, type ModelLimits } from './limits.js';

/**
 * Welds single-precision vertices as they are read (STL): a triangle soup never exists in memory, only
 * the distinct positions and three ids per triangle. Vertices are equal when their coordinates are
 * exactly equal; callers pass the IEEE bit patterns with -0 already turned into +0, so equal bits mean
 * equal values. Every table is sized by what has arrived and doubles as it fills: a mesh of 1M triangles
 * and 0.5M distinct vertices holds 12 MB of ids, 6 MB of positions and a 4 MB hash, not tables for 3M corners.
 */
export class Float32Welder {
  /** x, y, z bit patterns of each distinct vertex; viewed as Float32Array by `positions()`. */
  private keys: Uint32Array;
  private table: Int32Array;
  private mask: number;
  count = 0;
  readonly corners: IndexList;

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
    this.corners = new IndexList(3 * Math.max(16, expectedTriangles));
    const vertices = Math.max(1024, Math.ceil(expectedTriangles / 2) + 2);
    this.keys = new Uint32Array(3 * vertices);
    const slots = 2 ** Math.ceil(Math.log2(2 * vertices));
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  /** Returns the welded id of the vertex with these coordinate bits. */
  add(bx: number, by: number, bz: number): number {
    const keys = this.keys;
    const table = this.table;
    const mask = this.mask;
    let slot = hashBits(bx, by, bz) & mask;
    for (;;) {
      const id = table[slot] as number;
      if (id < 0) break;
      const k = 3 * id;
      if (keys[k] === bx && keys[k + 1] === by && keys[k + 2] === bz) return id;
      slot = (slot + 1) & mask;
    }
    assertVertexBudget(this.count + 1, this.limits);
    const id = this.count++;
    if (3 * id + 3 > keys.length) this.growKeys();
    const k = 3 * id;
    this.keys[k] = bx;
    this.keys[k + 1] = by;
    this.keys[k + 2] = bz;
    table[slot] = id;
    if (2 * this.count > table.length) this.rehash();
    return id;
  }

  /** The distinct positions (a view sharing the key buffer, no copy). The welder must not be used after. */
  positions(): Float32Array {
    return new Float32Array(this.keys.buffer, 0, 3 * this.count);
  }

  /** Frees the hash once reading is done; ids and positions stay. */
  dropTable(): void {
    this.table = new Int32Array(0);
  }

  private growKeys(): void {
    const next = new Uint32Array(2 * this.keys.length);
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
      let slot = hashBits(keys[k] as number, keys[k + 1] as number, keys[k + 2] as number) & mask;
      while ((table[slot] as number) >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

export function hashBits(x: number, y: number, z: number): number {
  let h = Math.imul(x ^ 0x811c9dc5, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ y, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13) ^ z, 0xc2b2ae3d);
  return (h ^ (h >>> 16)) >>> 0;
}
