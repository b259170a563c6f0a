import type { CountedEdges, SideBuckets } from './edge-counts.js';
import type { RawMesh } from './mesh.js';

/**
 * Edge and shell statistics on the welded mesh.
 *
 * Welding: vertices are merged only when their coordinates are exactly equal (as STL tools do, admesh's
 * `--exact` check included); -0 and +0 count as equal because parsers store +0.
 *
 * Triangles with a repeated (welded) vertex are left out of the edge statistics, as admesh removes them
 * before matching edges; they are still counted as degenerate by the measures.
 *
 * Mapping to admesh 0.98 `admesh -e -d FILE` (exact matching, normal directions, no nearby repair):
 * - `triangles` (ours, before removal) = "Number of facets", Original column.
 * - `openEdges` = 1×"Facets with 1 disconnected edge" + 2×"…2 disconnected edges" + 3×"…3…", Original
 *   column, for meshes without non-manifold edges. admesh pairs the uses of an edge two at a time, so an
 *   edge used by an odd number k > 2 of faces adds one more disconnected edge there; our `openEdges`
 *   counts only edges used exactly once and reports the others as `nonManifoldEdges`.
 * - `shells` = "Number of parts" (edge-connected: two cubes touching at a corner are two parts). admesh
 *   joins only the paired faces of a non-manifold edge; we join all faces on it.
 * - `inconsistentEdges` = "Backwards edges" of `admesh -e FILE` divided by 2 (admesh counts each such edge
 *   once from each of its two faces). We count edges, not faces.
 * - volume: admesh's "Volume" after `-d -v`, i.e. with each shell consistently oriented (see `reversed`).
 */
export interface Topology {
  /** Distinct vertex positions. */
  vertices: number;
  edges: number;
  openEdges: number;
  nonManifoldEdges: number;
  inconsistentEdges: number;
  shells: number;
  /** Triangles left out because two of their corners weld to the same vertex. */
  repeatedVertexTriangles: number;
  /**
   * Triangles to reverse so each shell is consistently oriented (majority winding kept), as admesh's
   * `-d` does before it computes volume; null when nothing needs reversing.
   */
  reversed: Uint8Array | null;
}

export interface WeldResult {
  /** Compact welded id of every vertex in `positions`. */
  ids: Uint32Array;
  unique: number;
}

/**
 * Exact welding by open addressing. The table starts small and doubles as distinct vertices arrive
 * (at most half full), so it is sized by the vertices actually seen, not by the corner count.
 */
export function weldVertices(positions: Float32Array | Float64Array): WeldResult {
  const count = positions.length / 3;
  const ids = new Uint32Array(count);
  const words = positions instanceof Float32Array ? 1 : 2;
  const bits = new Uint32Array(positions.buffer, positions.byteOffset, positions.length * words);
  // first[u] = the first vertex with welded id u, the one the table compares against.
  let first: Uint32Array = new Uint32Array(1024);
  let table: Int32Array = new Int32Array(2048).fill(-1);
  let mask = table.length - 1;
  let unique = 0;
  for (let v = 0; v < count; v++) {
    const p = 3 * v;
    let slot = hashVertex(bits, p * words, words) & mask;
    for (;;) {
      const u = table[slot] as number;
      if (u < 0) {
        if (unique === first.length) first = grown(first);
        first[unique] = v;
        table[slot] = unique;
        ids[v] = unique++;
        if (2 * unique > table.length) {
          table = rehash(first, unique, bits, words, 2 * table.length);
          mask = table.length - 1;
        }
        break;
      }
      const q = 3 * (first[u] as number);
      if (positions[q] === positions[p] && positions[q + 1] === positions[p + 1] && positions[q + 2] === positions[p + 2]) {
        ids[v] = u;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { ids, unique };
}

function grown(list: Uint32Array): Uint32Array {
  const next = new Uint32Array(2 * list.length);
  next.set(list);
  return next;
}

function rehash(first: Uint32Array, unique: number, bits: Uint32Array, words: number, size: number): Int32Array {
  const table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let u = 0; u < unique; u++) {
    let slot = hashVertex(bits, 3 * (first[u] as number) * words, words) & mask;
    while ((table[slot] as number) >= 0) slot = (slot + 1) & mask;
    table[slot] = u;
  }
  return table;
}

function hashVertex(bits: Uint32Array, start: number, words: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < 3 * words; i++) {
    h = Math.imul(h ^ (bits[start + i] ?? 0), 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h, 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}

export function analyzeTopology(mesh: RawMesh): Topology {
  const triangles = mesh.triangleCount;
  const { unique, counted } = mesh.countEdges ? { unique: mesh.positions.length / 3, counted: mesh.countEdges() } : countHere(mesh);
  const { sides, skipped, repeated, edges, open, nonManifold, inconsistent, merges } = counted;
  // Every face starts as its own shell; each union that joined two shells made one of them.
  const shells = triangles - repeated - merges;
  const reversed = inconsistent === 0 ? null : orientShells(triangles, sides, skipped);
  return { vertices: unique, edges, openEdges: open, nonManifoldEdges: nonManifold, inconsistentEdges: inconsistent, shells, repeatedVertexTriangles: repeated, reversed };
}

/** The edges counted here (every mesh the STL kernel did not weld). */
function countHere(mesh: RawMesh): { unique: number; counted: CountedEdges } {
  const { corners, unique } = weldedCorners(mesh);
  const { sides, skipped, repeated } = bucketSidesByLowerVertex(corners, mesh.triangleCount, unique);
  return { unique, counted: { sides, skipped, repeated, ...countEdges(sides, mesh.triangleCount) } };
}

/*
 * The hot loops below each have a function of their own and take the same path on every iteration
 * (counters added to, not branched on): V8 enters a long loop through on-stack replacement, and code
 * it has not yet run when it compiles (the next loop of the same function, an arm not yet taken) has
 * no type feedback, so reaching it throws the optimised code away and the loop is compiled again.
 */

/**
 * Each bucket is sorted and its edges counted while it is in cache, in one pass (this runs over 1.5M
 * edges of a 1M-triangle mesh); the edges are forEachEdge's, written out. Faces sharing an edge are
 * joined into one shell.
 */
function countEdges(sides: SideBuckets, triangles: number): { edges: number; open: number; nonManifold: number; inconsistent: number; merges: number } {
  const { start, pairs } = sides;
  const parent = identity(triangles);
  const vertices = start.length - 1;
  let edges = 0;
  let open = 0;
  let nonManifold = 0;
  let inconsistent = 0;
  let merges = 0;
  for (let v = 0; v < vertices; v++) {
    const stop = start[v + 1]!;
    let first = start[v]!;
    if (stop - first > 1) sortBucket(pairs, first, stop);
    while (first < stop) {
      const h = pairs[2 * first]!;
      let end = first + 1;
      while (end < stop && pairs[2 * end] === h) end++;
      const uses = end - first;
      const code = pairs[2 * first + 1]!;
      edges++;
      open += uses === 1 ? 1 : 0;
      nonManifold += uses > 2 ? 1 : 0;
      // Two uses running the same way (same direction bit) are inconsistently oriented.
      inconsistent += uses === 2 && ((code ^ pairs[2 * first + 3]!) & 1) === 0 ? 1 : 0;
      const face = faceOf(code);
      for (let i = first + 1; i < end; i++) merges += union(parent, face, faceOf(pairs[2 * i + 1]!));
      first = end;
    }
  }
  return { edges, open, nonManifold, inconsistent, merges };
}

function identity(n: number): Int32Array {
  const parent = new Int32Array(n);
  for (let t = 0; t < n; t++) parent[t] = t;
  return parent;
}

/**
 * Welded vertex id of every triangle corner. A mesh welded while it was read (STL) already is that; for
 * a soup the weld ids are that; an indexed mesh maps its indices through the weld ids.
 */
function weldedCorners(mesh: RawMesh): { corners: Uint32Array; unique: number } {
  const indices = mesh.indices;
  if (indices !== null && mesh.welded === true) return { corners: indices, unique: mesh.positions.length / 3 };
  const { ids, unique } = weldVertices(mesh.positions);
  if (indices === null) return { corners: ids, unique };
  const corners = new Uint32Array(indices.length);
  for (let k = 0; k < indices.length; k++) corners[k] = ids[indices[k] ?? 0] ?? 0;
  return { corners, unique };
}

/*
 * The sides are bucketed (edge-counts.ts's SideBuckets; countEdges sorts each bucket as it counts its
 * edges): this touches memory far more locally than a hash of edges, and the scatter below writes one
 * cache line per side, hi and code side by side.
 */

const sideOf = (code: number): number => code >>> 1;
const faceOf = (code: number): number => Math.floor((code >>> 1) / 3);

/**
 * The sides of the triangles without a repeated vertex, bucketed (buckets unsorted: countEdges sorts each
 * as it reaches it), and which triangles were left out. The counts go into `start` and are summed to
 * each bucket's end; the scatter fills each bucket back to front, leaving `start` at the beginnings, so
 * no separate cursor array is needed.
 */
function bucketSidesByLowerVertex(corners: Uint32Array, triangles: number, vertices: number): { sides: SideBuckets; skipped: Uint8Array; repeated: number } {
  const skipped = new Uint8Array(triangles);
  const start = new Uint32Array(vertices + 1);
  const repeated = countSidesPerLowerVertex(corners, triangles, start, skipped);
  for (let v = 1; v < vertices; v++) start[v] = start[v]! + start[v - 1]!;
  const total = vertices > 0 ? start[vertices - 1]! : 0;
  start[vertices] = total;
  const pairs = new Uint32Array(2 * total);
  scatterSides(corners, triangles, skipped, start, pairs);
  return { sides: { start, pairs }, skipped, repeated };
}

/** Counts each triangle's sides into `start[lower vertex]`; marks and counts the triangles with a repeated vertex. */
function countSidesPerLowerVertex(corners: Uint32Array, triangles: number, start: Uint32Array, skipped: Uint8Array): number {
  let repeated = 0;
  for (let t = 0; t < triangles; t++) {
    const a = corners[3 * t]!;
    const b = corners[3 * t + 1]!;
    const c = corners[3 * t + 2]!;
    if (a === b || b === c || a === c) {
      skipped[t] = 1;
      repeated++;
      continue;
    }
    start[a < b ? a : b]!++;
    start[b < c ? b : c]!++;
    start[c < a ? c : a]!++;
  }
  return repeated;
}

/**
 * Each side of each triangle goes to its lower vertex's bucket as (higher vertex, code); the three
 * sides written out in full (this loop runs 3M times on a 1M-triangle mesh).
 */
function scatterSides(corners: Uint32Array, triangles: number, skipped: Uint8Array, start: Uint32Array, pairs: Uint32Array): void {
  for (let t = 0; t < triangles; t++) {
    if (skipped[t] === 1) continue;
    const a = corners[3 * t]!;
    const b = corners[3 * t + 1]!;
    const c = corners[3 * t + 2]!;
    const side = 6 * t; // 2 · (3t + k) + direction
    const ab = a < b ? 1 : 0;
    const bc = b < c ? 1 : 0;
    const ca = c < a ? 1 : 0;
    let at = --start[ab === 1 ? a : b]!;
    pairs[2 * at] = ab === 1 ? b : a;
    pairs[2 * at + 1] = side + ab;
    at = --start[bc === 1 ? b : c]!;
    pairs[2 * at] = bc === 1 ? c : b;
    pairs[2 * at + 1] = side + 2 + bc;
    at = --start[ca === 1 ? c : a]!;
    pairs[2 * at] = ca === 1 ? a : c;
    pairs[2 * at + 1] = side + 4 + ca;
  }
}

/** Insertion sort (by hi) for the usual handful of sides per vertex; a comparison sort when a vertex has many. */
function sortBucket(pairs: Uint32Array, from: number, to: number): void {
  if (to - from <= 32) {
    for (let i = from + 1; i < to; i++) {
      const h = pairs[2 * i]!;
      const c = pairs[2 * i + 1]!;
      let j = i - 1;
      while (j >= from && pairs[2 * j]! > h) {
        pairs[2 * j + 2] = pairs[2 * j]!;
        pairs[2 * j + 3] = pairs[2 * j + 1]!;
        j--;
      }
      pairs[2 * j + 2] = h;
      pairs[2 * j + 3] = c;
    }
    return;
  }
  const order = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => pairs[2 * a]! - pairs[2 * b]! || a - b);
  const sorted = order.flatMap((i) => [pairs[2 * i]!, pairs[2 * i + 1]!]);
  pairs.set(sorted, 2 * from);
}

/** Calls `visit(first, end)` for each edge: the range of its sides in the buckets. */
function forEachEdge(sides: SideBuckets, visit: (first: number, end: number) => void): void {
  const { start, pairs } = sides;
  const vertices = start.length - 1;
  for (let v = 0; v < vertices; v++) {
    const end = start[v + 1] ?? 0;
    let i = start[v] ?? 0;
    while (i < end) {
      const h = pairs[2 * i];
      let j = i + 1;
      while (j < end && pairs[2 * j] === h) j++;
      visit(i, j);
      i = j;
    }
  }
}

/**
 * Breadth-first walk over manifold edges giving each triangle the winding of its neighbours; within each
 * connected piece the winding most triangles already have wins, so a single flipped face is the one
 * reversed. Non-manifold edges are not crossed: there is no one right answer across them.
 */
function orientShells(triangles: number, sides: SideBuckets, skipped: Uint8Array): Uint8Array {
  // neighbour[side] = the side on the other triangle across that edge, or -1; agree[side] = windings agree.
  const neighbour = new Int32Array(3 * triangles).fill(-1);
  const agree = new Uint8Array(3 * triangles);
  forEachEdge(sides, (first, end) => {
    if (end - first !== 2) return;
    const a = sideOf(sides.pairs[2 * first + 1]!);
    const b = sideOf(sides.pairs[2 * first + 3]!);
    neighbour[a] = b;
    neighbour[b] = a;
    const consistent = ((sides.pairs[2 * first + 1]! ^ sides.pairs[2 * first + 3]!) & 1) === 0 ? 0 : 1;
    agree[a] = consistent;
    agree[b] = consistent;
  });
  const reversed = new Uint8Array(triangles);
  const visited = new Uint8Array(triangles);
  const queue = new Int32Array(triangles);
  for (let seed = 0; seed < triangles; seed++) {
    if (visited[seed] === 1 || skipped[seed] === 1) continue;
    let head = 0;
    let tail = 0;
    let flips = 0;
    queue[tail++] = seed;
    visited[seed] = 1;
    while (head < tail) {
      const t = queue[head++] ?? 0;
      for (let k = 0; k < 3; k++) {
        const other = neighbour[3 * t + k] ?? -1;
        if (other < 0) continue;
        const u = Math.floor(other / 3);
        if (visited[u] === 1) continue;
        visited[u] = 1;
        const flip = (reversed[t] ?? 0) ^ (agree[3 * t + k] === 1 ? 0 : 1);
        reversed[u] = flip;
        flips += flip;
        queue[tail++] = u;
      }
    }
    if (2 * flips > tail) {
      for (let i = 0; i < tail; i++) {
        const t = queue[i] ?? 0;
        reversed[t] = reversed[t] === 1 ? 0 : 1;
      }
    }
  }
  return reversed;
}

/**
 * Joins the shells of faces a and b: 1 when they were two, 0 when already one. Rem's algorithm with
 * splicing: both paths are climbed together, the one at the higher parent first, and each node passed
 * is hung on the other path's lower parent, so it stops at the first common node (often at once, as
 * neighbouring faces were joined a moment ago) instead of finding both roots, and leaves the paths
 * short. Every node's parent is at or below it, a root is its own parent, as before.
 */
function union(parent: Int32Array, a: number, b: number): number {
  let x = a;
  let y = b;
  for (;;) {
    let px = parent[x]!;
    let py = parent[y]!;
    if (px === py) return 0;
    if (px < py) {
      // Climb the path whose parent is higher.
      const node = x;
      x = y;
      y = node;
      const up = px;
      px = py;
      py = up;
    }
    parent[x] = py;
    if (x === px) return 1; // x was a root: hung under the other tree, the shells are one
    x = px;
  }
}
