/**
 * Binary STL welding in WebAssembly (AssemblyScript, built to dist/wasm/stl-weld.wasm by `npm run
 * build:wasm`). The same algorithm as src/modules/models/vertex-welder.ts, which stays the readable
 * reference and the path for models too large for a 32-bit memory; a test welds the same records with
 * both and compares every id. Compiled code runs from its first call here, where the JavaScript loop
 * spends a quarter of a one-shot CLI run in the interpreter and the optimising compiler.
 *
 * Memory is laid out by the caller (stl-weld-kernel.ts): a block of records, the recent-vertex cache,
 * three ids per triangle, the vertex keys (room for three distinct vertices per triangle, so they never
 * move) and the hash table, which this file moves to the end of memory, twice as large, when it is half
 * full. Nothing here allocates otherwise.
 */

/** Why `weld` stopped before the end of its block: read by the caller through `stopReason()`. */
const NOT_FINITE: u32 = 1;
const OVER_BUDGET: u32 = 2;
const OUT_OF_MEMORY: u32 = 3;

const RECENT_ENTRIES: u32 = 16384;
const EXPONENT_BITS: i32 = 0x7f800000;
const NEGATIVE_ZERO: i32 = 0x80000000;
/** triangle-sums.ts's degenerateRatio. */
const DEGENERATE_RATIO: f64 = 1e-9;

let recentAt: usize = 0;
let idsAt: usize = 0;
let keysAt: usize = 0;
let tableAt: usize = 0;
let mask: u32 = 0;
let idMask: u32 = 0;
/** First byte past everything laid out: where a grown table goes. */
let heapEnd: usize = 0;
let maxVertices: u32 = 0;
let vertices: u32 = 0;
let corners: u32 = 0;
let reason: u32 = 0;

// triangle-sums.ts's sums over the records welded, the same operations in the same order, so the same
// numbers: six times the signed volume, twice the area, the degenerate triangles.
let volume6: f64 = 0;
let area2: f64 = 0;
let degenerate: u32 = 0;
// The box of the distinct vertices, widened as each one is added.
let minX: f32 = Infinity;
let minY: f32 = Infinity;
let minZ: f32 = Infinity;
let maxX: f32 = -Infinity;
let maxY: f32 = -Infinity;
let maxZ: f32 = -Infinity;

/** Starts a model: the caller's layout (the cache and table regions still hold whatever they held). */
export function start(recent: usize, ids: usize, keys: usize, table: usize, slots: u32, end: usize, vertexBudget: u32): void {
  recentAt = recent;
  idsAt = ids;
  keysAt = keys;
  heapEnd = end;
  maxVertices = vertexBudget;
  vertices = 0;
  corners = 0;
  reason = 0;
  volume6 = 0;
  area2 = 0;
  degenerate = 0;
  minX = minY = minZ = Infinity;
  maxX = maxY = maxZ = -Infinity;
  memory.fill(recent, 0, <usize>RECENT_ENTRIES << 4);
  useTable(table, slots);
}

export function vertexCount(): u32 {
  return vertices;
}

export function cornerCount(): u32 {
  return corners;
}

export function stopReason(): u32 {
  return reason;
}

export function volume6Sum(): f64 {
  return volume6;
}

export function area2Sum(): f64 {
  return area2;
}

export function degenerateCount(): u32 {
  return degenerate;
}

/** The box's lower (0, 1, 2) and upper (3, 4, 5) x, y, z. */
export function bound(which: u32): f32 {
  switch (which) {
    case 0: return minX;
    case 1: return minY;
    case 2: return minZ;
    case 3: return maxX;
    case 4: return maxY;
    default: return maxZ;
  }
}

/**
 * Welds `records` 50-byte records at `block` (normal, three corners, attribute; the normal is ignored).
 * Returns -1, or the index of the record it stopped at (`stopReason()` says why; its corners before the
 * stop may be welded: the caller refuses the model).
 */
export function weld(block: usize, records: u32): i32 {
  let out = idsAt + (<usize>corners << 2);
  let p = block;
  for (let r: u32 = 0; r < records; r++, p += 50) {
    for (let q = p + 12; q < p + 48; q += 12) {
      let x = load<i32>(q);
      let y = load<i32>(q, 4);
      let z = load<i32>(q, 8);
      // Infinite or NaN: all exponent bits set.
      if ((x & EXPONENT_BITS) == EXPONENT_BITS || (y & EXPONENT_BITS) == EXPONENT_BITS || (z & EXPONENT_BITS) == EXPONENT_BITS) return stop(r, NOT_FINITE, out);
      // -0 → +0, so welding by bits agrees with welding by value.
      if (x == NEGATIVE_ZERO) x = 0;
      if (y == NEGATIVE_ZERO) y = 0;
      if (z == NEGATIVE_ZERO) z = 0;
      const hash = hashBits(x, y, z);
      const entry = recentAt + (<usize>(<u32>hash & (RECENT_ENTRIES - 1)) << 4);
      let id: u32;
      if (load<i32>(entry) == x && load<i32>(entry, 4) == y && load<i32>(entry, 8) == z && load<u32>(entry, 12) != 0) {
        id = load<u32>(entry, 12) - 1;
      } else {
        id = lookup(hash, x, y, z);
        if (id == <u32>-1) return stop(r, reason, out);
        store<i32>(entry, x);
        store<i32>(entry, y, 4);
        store<i32>(entry, z, 8);
        store<u32>(entry, id + 1, 12);
      }
      store<u32>(out, id);
      out += 4;
    }
    measure(p);
  }
  corners = <u32>((out - idsAt) >> 2);
  return -1;
}

/** TriangleSums.add for the record at `p`, its coordinates widened to double precision. */
@inline
function measure(p: usize): void {
  const ax = <f64>load<f32>(p, 12);
  const ay = <f64>load<f32>(p, 16);
  const az = <f64>load<f32>(p, 20);
  const bx = <f64>load<f32>(p, 24);
  const by = <f64>load<f32>(p, 28);
  const bz = <f64>load<f32>(p, 32);
  const cx = <f64>load<f32>(p, 36);
  const cy = <f64>load<f32>(p, 40);
  const cz = <f64>load<f32>(p, 44);
  volume6 += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  const ux = bx - ax;
  const uy = by - ay;
  const uz = bz - az;
  const vx = cx - ax;
  const vy = cy - ay;
  const vz = cz - az;
  const nx = uy * vz - uz * vy;
  const ny = uz * vx - ux * vz;
  const nz = ux * vy - uy * vx;
  const doubleArea = Math.sqrt(nx * nx + ny * ny + nz * nz);
  area2 += doubleArea;
  const wx = cx - bx;
  const wy = cy - by;
  const wz = cz - bz;
  const longest = Math.max(Math.max(ux * ux + uy * uy + uz * uz, vx * vx + vy * vy + vz * vz), wx * wx + wy * wy + wz * wz);
  if (doubleArea <= 2 * DEGENERATE_RATIO * longest) degenerate++;
}

/** Ends `weld` early at `record`, for `why`, its ids written up to `out`. */
function stop(record: u32, why: u32, out: usize): i32 {
  reason = why;
  corners = <u32>((out - idsAt) >> 2);
  return <i32>record;
}

/**
 * The big table, as in vertex-welder.ts: open addressing, -1 when empty, else the vertex id and above
 * it the hash bits the slot index does not use (a tag), so a probe reads a vertex's keys only when the
 * tags agree. Returns the id of these bits, adding them when new; -1 when it cannot (see `reason`).
 */
@inline
function lookup(hash: i32, bx: i32, by: i32, bz: i32): u32 {
  const tag = <u32>(hash & ~mask) >> 1;
  let slot = <u32>hash & mask;
  while (true) {
    const entry = load<i32>(tableAt + (<usize>slot << 2));
    if (entry < 0) break;
    if ((<u32>entry & ~idMask) == tag) {
      const id = <u32>entry & idMask;
      const k = keysAt + <usize>id * 12;
      if (load<i32>(k) == bx && load<i32>(k, 4) == by && load<i32>(k, 8) == bz) return id;
    }
    slot = (slot + 1) & mask;
  }
  if (vertices >= maxVertices) {
    reason = OVER_BUDGET;
    return <u32>-1;
  }
  const id = vertices++;
  const k = keysAt + <usize>id * 12;
  store<i32>(k, bx);
  store<i32>(k, by, 4);
  store<i32>(k, bz, 8);
  widenBox(reinterpret<f32>(bx), reinterpret<f32>(by), reinterpret<f32>(bz));
  store<u32>(tableAt + (<usize>slot << 2), tag | id);
  if (vertices * 2 > mask + 1 && !growTable()) {
    reason = OUT_OF_MEMORY;
    return <u32>-1;
  }
  return id;
}

@inline
function widenBox(x: f32, y: f32, z: f32): void {
  if (x < minX) minX = x;
  if (x > maxX) maxX = x;
  if (y < minY) minY = y;
  if (y > maxY) maxY = y;
  if (z < minZ) minZ = z;
  if (z > maxZ) maxZ = z;
}

function useTable(at: usize, slots: u32): void {
  memory.fill(at, 0xff, <usize>slots << 2);
  tableAt = at;
  mask = slots - 1;
  idMask = (slots >> 1) - 1;
}

/** Moves the table to the end of memory at twice the size and puts every vertex back; false when memory cannot grow. */
function growTable(): bool {
  const slots = (mask + 1) << 1;
  const bytes = <usize>slots << 2;
  const at = heapEnd;
  // In 64 bits: a table ending at the top of a 4 GiB memory would wrap a 32-bit sum.
  const pagesNeeded = <i32>((<u64>at + <u64>bytes + 0xffff) >> 16) - memory.size();
  if (pagesNeeded > 0 && memory.grow(pagesNeeded) < 0) return false;
  heapEnd = at + bytes;
  useTable(at, slots);
  for (let id: u32 = 0; id < vertices; id++) {
    const k = keysAt + <usize>id * 12;
    const hash = hashBits(load<i32>(k), load<i32>(k, 4), load<i32>(k, 8));
    let slot = <u32>hash & mask;
    while (load<i32>(tableAt + (<usize>slot << 2)) >= 0) slot = (slot + 1) & mask;
    store<u32>(tableAt + (<usize>slot << 2), (<u32>(hash & ~mask) >> 1) | id);
  }
  return true;
}

/** vertex-welder.ts's hashBits, the same bits. */
@inline
function hashBits(x: i32, y: i32, z: i32): i32 {
  let h = (x ^ 0x811c9dc5) * <i32>0x9e3779b1;
  h = (h ^ <i32>(<u32>h >> 15) ^ y) * <i32>0x85ebca77;
  h = (h ^ <i32>(<u32>h >> 13) ^ z) * <i32>0xc2b2ae3d;
  return h ^ <i32>(<u32>h >> 16);
}
