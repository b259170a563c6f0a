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

export function weldVertices(positions: Float32Array | Float64Array): WeldResult {
  const count = positions.length / 3;
  const ids = new Uint32Array(count);
  const table = new Int32Array(tableSizeFor(count)).fill(-1);
  const mask = table.length - 1;
  const words = positions instanceof Float32Array ? 1 : 2;
  const bits = new Uint32Array(positions.buffer, positions.byteOffset, positions.length * words);
  let unique = 0;
  for (let v = 0; v < count; v++) {
    const p = 3 * v;
    let slot = hashVertex(bits, p * words, words) & mask;
    for (;;) {
      const other = table[slot] ?? -1;
      if (other < 0) {
        table[slot] = v;
        ids[v] = unique++;
        break;
      }
      const q = 3 * other;
      if (positions[q] === positions[p] && positions[q + 1] === positions[p + 1] && positions[q + 2] === positions[p + 2]) {
        ids[v] = ids[other] ?? 0;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { ids, unique };
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

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x5bd1e995, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Open-addressing tables at most half full. */
function tableSizeFor(entries: number): number {
  let size = 16;
  while (size < 2 * entries) size *= 2;
  return size;
}

export function analyzeTopology(mesh: RawMesh): Topology {
  const { ids, unique } = weldVertices(mesh.positions);
  const triangles = mesh.triangleCount;
  const indices = mesh.indices;
  const corner = (k: number): number => ids[indices === null ? k : (indices[k] ?? 0)] ?? 0;

  const maxEdges = 3 * triangles;
  const table = new Int32Array(tableSizeFor(maxEdges)).fill(-1);
  const mask = table.length - 1;
  const edgeLo = new Uint32Array(maxEdges);
  const edgeHi = new Uint32Array(maxEdges);
  const uses = new Uint32Array(maxEdges);
  // +1 per use from lo to hi, -1 per use from hi to lo: two consistent faces cancel out.
  const balance = new Int32Array(maxEdges);
  // The two triangle sides (3·triangle + corner) that use an edge, for walking across it later.
  const firstSide = new Int32Array(maxEdges);
  const secondSide = new Int32Array(maxEdges);
  const parent = new Int32Array(triangles);
  for (let t = 0; t < triangles; t++) parent[t] = t;
  const skipped = new Uint8Array(triangles);

  let edges = 0;
  let repeated = 0;
  for (let t = 0; t < triangles; t++) {
    const a = corner(3 * t);
    const b = corner(3 * t + 1);
    const c = corner(3 * t + 2);
    if (a === b || b === c || a === c) {
      skipped[t] = 1;
      repeated++;
      continue;
    }
    for (let k = 0; k < 3; k++) {
      const from = k === 0 ? a : k === 1 ? b : c;
      const to = k === 0 ? b : k === 1 ? c : a;
      const lo = from < to ? from : to;
      const hi = from < to ? to : from;
      let slot = hashPair(lo, hi) & mask;
      for (;;) {
        const e = table[slot] ?? -1;
        if (e < 0) {
          table[slot] = edges;
          edgeLo[edges] = lo;
          edgeHi[edges] = hi;
          uses[edges] = 1;
          balance[edges] = from < to ? 1 : -1;
          firstSide[edges] = 3 * t + k;
          edges++;
          break;
        }
        if (edgeLo[e] === lo && edgeHi[e] === hi) {
          uses[e] = (uses[e] ?? 0) + 1;
          balance[e] = (balance[e] ?? 0) + (from < to ? 1 : -1);
          secondSide[e] = 3 * t + k;
          union(parent, t, Math.floor((firstSide[e] ?? 0) / 3));
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  let open = 0;
  let nonManifold = 0;
  let inconsistent = 0;
  for (let e = 0; e < edges; e++) {
    const n = uses[e] ?? 0;
    if (n === 1) open++;
    else if (n > 2) nonManifold++;
    else if (balance[e] !== 0) inconsistent++;
  }
  let shells = 0;
  for (let t = 0; t < triangles; t++) if (skipped[t] === 0 && find(parent, t) === t) shells++;

  const reversed = inconsistent === 0 ? null : orientShells(triangles, edges, uses, balance, firstSide, secondSide, skipped);
  return { vertices: unique, edges, openEdges: open, nonManifoldEdges: nonManifold, inconsistentEdges: inconsistent, shells, repeatedVertexTriangles: repeated, reversed };
}

/**
 * Breadth-first walk over manifold edges giving each triangle the winding of its neighbours; within each
 * connected piece the winding most triangles already have wins, so a single flipped face is the one
 * reversed. Non-manifold edges are not crossed: there is no one right answer across them.
 */
function orientShells(
  triangles: number,
  edges: number,
  uses: Uint32Array,
  balance: Int32Array,
  firstSide: Int32Array,
  secondSide: Int32Array,
  skipped: Uint8Array,
): Uint8Array {
  // neighbour[side] = the side on the other triangle across that edge, or -1; agree[side] = windings agree.
  const neighbour = new Int32Array(3 * triangles).fill(-1);
  const agree = new Uint8Array(3 * triangles);
  for (let e = 0; e < edges; e++) {
    if (uses[e] !== 2) continue;
    const a = firstSide[e] ?? 0;
    const b = secondSide[e] ?? 0;
    neighbour[a] = b;
    neighbour[b] = a;
    const consistent = balance[e] === 0 ? 1 : 0;
    agree[a] = consistent;
    agree[b] = consistent;
  }
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

function find(parent: Int32Array, x: number): number {
  let node = x;
  for (;;) {
    const up = parent[node] ?? node;
    if (up === node) return node;
    const grand = parent[up] ?? up;
    parent[node] = grand; // path halving keeps the trees shallow without recursion
    node = grand;
  }
}

function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[ra < rb ? rb : ra] = ra < rb ? ra : rb;
}
