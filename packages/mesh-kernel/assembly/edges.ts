/**
 * Edge and shell counts of a welded mesh, as src/modules/models/topology.ts counts them (its comments
 * say how they map to admesh's): every triangle side bucketed by the lower vertex of its edge, each
 * bucket sorted by the higher vertex, so the uses of one edge are adjacent; faces sharing an edge joined
 * into one shell (union-find). topology.ts stays the reference and the path for every other mesh; a test
 * counts the same meshes with both.
 *
 * The caller lays out the regions and runs the passes (stl-weld-kernel.ts); the buckets are left in
 * place for topology.ts to orient the shells when some edge is inconsistently oriented.
 */

let edges: u32 = 0;
let open: u32 = 0;
let nonManifold: u32 = 0;
let inconsistent: u32 = 0;
let merges: u32 = 0;
let repeated: u32 = 0;

export function edgeCount(): u32 {
  return edges;
}
export function openEdgeCount(): u32 {
  return open;
}
export function nonManifoldEdgeCount(): u32 {
  return nonManifold;
}
export function inconsistentEdgeCount(): u32 {
  return inconsistent;
}
export function shellMerges(): u32 {
  return merges;
}
export function repeatedVertexTriangles(): u32 {
  return repeated;
}

// The mesh and the regions of the count in progress (see `beginEdges`).
let cornersAt: usize = 0;
let startAt: usize = 0;
let skippedAt: usize = 0;
let pairsAt: usize = 0;
let parentAt: usize = 0;

/**
 * Starts counting the edges of `triangles` triangles given by three vertex ids each at `corners` (ids
 * below `vertices`), in these regions: `start` (vertices + 1 words: each bucket's first side), `skipped`
 * (a byte per triangle: 1 when two corners are the same vertex, left out as admesh does), `pairs` (higher
 * vertex and side code, two words per side; code = 2·side + 1 when the side runs from the lower vertex
 * to the higher) and `parent` (a word per triangle, for the shells).
 *
 * The caller then runs each pass over the whole range, a slice per call: countSides, sumStarts, scatter,
 * walkBuckets. A WebAssembly function runs compiled by the baseline compiler until a later call finds
 * the optimised code ready (there is no on-stack replacement), so a pass made in a single call would run
 * baseline code throughout, twice as slow.
 */
export function beginEdges(corners: usize, triangles: u32, vertices: u32, start: usize, skipped: usize, pairs: usize, parent: usize): void {
  cornersAt = corners;
  startAt = start;
  skippedAt = skipped;
  pairsAt = pairs;
  parentAt = parent;
  memory.fill(start, 0, (<usize>vertices + 1) << 2);
  memory.fill(skipped, 0, <usize>triangles);
  edges = 0;
  open = 0;
  nonManifold = 0;
  inconsistent = 0;
  merges = 0;
  repeated = 0;
}

/** Triangles [from, to): each side counted into `start[lower vertex]`, the triangles with a repeated vertex marked, each its own shell. */
export function countSides(from: u32, to: u32): void {
  const start = startAt;
  for (let t = from; t < to; t++) {
    store<u32>(parentAt + (<usize>t << 2), t);
    const at = cornersAt + <usize>t * 12;
    const a = load<u32>(at);
    const b = load<u32>(at, 4);
    const c = load<u32>(at, 8);
    if (a == b || b == c || a == c) {
      store<u8>(skippedAt + t, 1);
      repeated++;
      continue;
    }
    bump(start, a < b ? a : b);
    bump(start, b < c ? b : c);
    bump(start, c < a ? c : a);
  }
}

@inline
function bump(start: usize, v: u32): void {
  const at = start + (<usize>v << 2);
  store<u32>(at, load<u32>(at) + 1);
}

/** The counts summed to each bucket's end (a single short pass); `start[vertices]` is then the number of sides. */
export function sumStarts(vertices: u32): void {
  let total: u32 = 0;
  for (let v: u32 = 0; v < vertices; v++) {
    total += load<u32>(startAt + (<usize>v << 2));
    store<u32>(startAt + (<usize>v << 2), total);
  }
  store<u32>(startAt + (<usize>vertices << 2), total);
}

/** Triangles [from, to): each side into its lower vertex's bucket, filled back to front, leaving `start` at each bucket's first side. */
export function scatter(from: u32, to: u32): void {
  const start = startAt;
  const pairs = pairsAt;
  for (let t = from; t < to; t++) {
    if (load<u8>(skippedAt + t) == 1) continue;
    const at = cornersAt + <usize>t * 12;
    const a = load<u32>(at);
    const b = load<u32>(at, 4);
    const c = load<u32>(at, 8);
    const side = 6 * t;
    place(start, pairs, a, b, side);
    place(start, pairs, b, c, side + 2);
    place(start, pairs, c, a, side + 4);
  }
}

/** The side from `from` to `to` (code `code` + its direction bit) into the bucket of the lower of the two. */
@inline
function place(start: usize, pairs: usize, from: u32, to: u32, code: u32): void {
  const up = from < to;
  const cursor = start + (<usize>(up ? from : to) << 2);
  const at = load<u32>(cursor) - 1;
  store<u32>(cursor, at);
  const pair = pairs + (<usize>at << 3);
  store<u32>(pair, up ? to : from);
  store<u32>(pair, code + (up ? 1 : 0), 4);
}

/** Buckets of vertices [from, to): each sorted and its edges counted while it is in cache; faces sharing an edge joined. */
export function walkBuckets(from: u32, to: u32): void {
  const start = startAt;
  const pairs = pairsAt;
  const parent = parentAt;
  for (let v = from; v < to; v++) {
    let first = load<u32>(start + (<usize>v << 2));
    const stop = load<u32>(start + (<usize>(v + 1) << 2));
    if (stop - first > 1) sortBucket(pairs, first, stop);
    while (first < stop) {
      const hi = load<u32>(pairs + (<usize>first << 3));
      let end = first + 1;
      while (end < stop && load<u32>(pairs + (<usize>end << 3)) == hi) end++;
      const uses = end - first;
      const code = load<u32>(pairs + (<usize>first << 3), 4);
      edges++;
      if (uses == 1) open++;
      else if (uses > 2) nonManifold++;
      else if (((code ^ load<u32>(pairs + (<usize>first << 3), 12)) & 1) == 0) inconsistent++;
      const face = (code >> 1) / 3;
      for (let i = first + 1; i < end; i++) merges += union(parent, face, (load<u32>(pairs + (<usize>i << 3), 4) >> 1) / 3);
      first = end;
    }
  }
}

/** Sorts the pairs [from, to) by higher vertex then code: insertion sort for the usual handful, heapsort past it. */
function sortBucket(pairs: usize, from: u32, to: u32): void {
  if (to - from > 32) {
    heapSort(pairs + (<usize>from << 3), to - from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const key = load<u64>(pairs + (<usize>i << 3));
    let j = i;
    while (j > from && before(key, load<u64>(pairs + (<usize>(j - 1) << 3)))) {
      store<u64>(pairs + (<usize>j << 3), load<u64>(pairs + (<usize>(j - 1) << 3)));
      j--;
    }
    store<u64>(pairs + (<usize>j << 3), key);
  }
}

/** A pair (higher vertex in the low word, code in the high word) orders by higher vertex, then code. */
@inline
function before(a: u64, b: u64): bool {
  return rotr<u64>(a, 32) < rotr<u64>(b, 32);
}

/** O(n log n) whatever the input: a vertex shared by a million triangles is a bucket of a million sides. */
function heapSort(base: usize, n: u32): void {
  for (let i = n >> 1; i > 0; i--) siftDown(base, i - 1, n);
  for (let end = n - 1; end > 0; end--) {
    const top = load<u64>(base);
    store<u64>(base, load<u64>(base + (<usize>end << 3)));
    store<u64>(base + (<usize>end << 3), top);
    siftDown(base, 0, end);
  }
}

function siftDown(base: usize, root: u32, n: u32): void {
  const key = load<u64>(base + (<usize>root << 3));
  let i = root;
  while (true) {
    let child = i * 2 + 1;
    if (child >= n) break;
    if (child + 1 < n && before(load<u64>(base + (<usize>child << 3)), load<u64>(base + (<usize>(child + 1) << 3)))) child++;
    const larger = load<u64>(base + (<usize>child << 3));
    if (!before(key, larger)) break;
    store<u64>(base + (<usize>i << 3), larger);
    i = child;
  }
  store<u64>(base + (<usize>i << 3), key);
}

/** topology.ts's union (Rem's algorithm with splicing): 1 when faces a and b were in two shells, else 0. */
@inline
function union(parent: usize, a: u32, b: u32): u32 {
  let x = a;
  let y = b;
  while (true) {
    let px = load<u32>(parent + (<usize>x << 2));
    let py = load<u32>(parent + (<usize>y << 2));
    if (px == py) return 0;
    if (px < py) {
      const node = x;
      x = y;
      y = node;
      const up = px;
      px = py;
      py = up;
    }
    store<u32>(parent + (<usize>x << 2), py);
    if (x == px) return 1;
    x = px;
  }
}
