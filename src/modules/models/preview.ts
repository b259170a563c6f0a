import type { RawMesh } from './mesh.js';

/**
 * At most this many triangles in a preview. 20,000 triangles with their clustered vertices make a
 * GLB of roughly 350 KB: five of them cost less than 2 MB per visit of a project page (the issue was
 * 262 MB), and at the sizes the page draws (a 240 px thumbnail, a viewer a few hundred pixels wide)
 * the shape still reads clearly.
 */
export const PREVIEW_MAX_TRIANGLES = 20_000;

/** The finest grid tried, in cells along the longest side: finer than any screen shows a preview. */
const FINEST_CELLS = 1024;

export type MeshPreview = {
  /** A binary glTF (GLB) with one indexed mesh, in the model's own coordinates and units. */
  glb: Uint8Array;
  triangles: number;
  vertices: number;
};

/**
 * A light stand-in for a mesh, by vertex clustering: every vertex falls into a cell of a grid laid over
 * the bounding box, each cell becomes one vertex (the mean of its vertices), and triangles whose corners
 * share a cell vanish, as do repeats. One pass over the mesh; whenever the triangles kept exceed `max`,
 * the grid is halved (cells merge in eights) and what was kept is clustered again, so memory stays
 * proportional to `max`, never to the mesh. Null when nothing is left (a mesh with no extent).
 */
export function buildPreview(mesh: RawMesh, max: number = PREVIEW_MAX_TRIANGLES): MeshPreview | null {
  // Triangles are told apart by a key of three cell numbers below 3·max + 4, exact while that cubed stays under 2^53.
  if (!Number.isInteger(max) || max < 1 || max > 60_000) throw new RangeError('A preview holds between 1 and 60,000 triangles.');
  const { positions } = mesh;
  if (mesh.triangleCount === 0 || positions.length < 3) return null;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 3) {
    for (let axis = 0; axis < 3; axis++) {
      const v = positions[i + axis] ?? 0;
      if (v < (lo[axis] ?? 0)) lo[axis] = v;
      if (v > (hi[axis] ?? 0)) hi[axis] = v;
    }
  }
  const extent = Math.max((hi[0] ?? 0) - (lo[0] ?? 0), (hi[1] ?? 0) - (lo[1] ?? 0), (hi[2] ?? 0) - (lo[2] ?? 0));
  if (!(extent > 0) || !Number.isFinite(extent)) return null;
  const grid = new ClusterGrid(lo, hi, extent / FINEST_CELLS, max);
  const { indices } = mesh;
  const corner = (t: number, k: number) => (indices === null ? 3 * t + k : (indices[3 * t + k] ?? 0));
  for (let t = 0; t < mesh.triangleCount; t++) {
    const a = corner(t, 0);
    const b = corner(t, 1);
    const c = corner(t, 2);
    grid.addTriangle(positions, a, b, c);
  }
  return grid.toPreview();
}

/** The clustering state: cells (slots) with their position sums, and the triangles kept between them. */
class ClusterGrid {
  private level = 0;
  private readonly cells = new Map<number, number>();
  private cellX: number[] = [];
  private cellY: number[] = [];
  private cellZ: number[] = [];
  private sumX: number[] = [];
  private sumY: number[] = [];
  private sumZ: number[] = [];
  private count: number[] = [];
  private triA: number[] = [];
  private triB: number[] = [];
  private triC: number[] = [];
  private seen = new Set<number>();
  private readonly size: number[];

  constructor(
    private readonly lo: readonly number[],
    hi: readonly number[],
    private readonly cell: number,
    private readonly max: number,
  ) {
    this.size = [0, 1, 2].map((axis) => Math.min(FINEST_CELLS, Math.floor(((hi[axis] ?? 0) - (lo[axis] ?? 0)) / cell)) + 1);
  }

  addTriangle(positions: ArrayLike<number>, a: number, b: number, c: number) {
    const ka = this.cornerKey(positions, a, 0);
    const kb = this.cornerKey(positions, b, 1);
    const kc = this.cornerKey(positions, c, 2);
    if (ka === kb || kb === kc || ka === kc) return;
    const sa = this.slot(ka, 0);
    const sb = this.slot(kb, 1);
    const sc = this.slot(kc, 2);
    this.accumulate(sa, positions, a);
    this.accumulate(sb, positions, b);
    this.accumulate(sc, positions, c);
    this.keep(sa, sb, sc);
    if (this.triA.length > this.max) this.coarsen();
  }

  toPreview(): MeshPreview | null {
    const triangles = this.triA.length;
    if (triangles === 0) return null;
    const vertices = this.count.length;
    const position = new Float32Array(vertices * 3);
    for (let s = 0; s < vertices; s++) {
      const n = this.count[s] ?? 1;
      position[3 * s] = (this.sumX[s] ?? 0) / n;
      position[3 * s + 1] = (this.sumY[s] ?? 0) / n;
      position[3 * s + 2] = (this.sumZ[s] ?? 0) / n;
    }
    const index = new Uint32Array(triangles * 3);
    for (let t = 0; t < triangles; t++) {
      index[3 * t] = this.triA[t] ?? 0;
      index[3 * t + 1] = this.triB[t] ?? 0;
      index[3 * t + 2] = this.triC[t] ?? 0;
    }
    return { glb: writeGlb(position, index), triangles, vertices };
  }

  /** The fine cell of each corner of the triangle at hand, kept for `slot` should it make a new cell. */
  private readonly fine = new Int32Array(9);

  /** The corner's cell at the current level; its finest-level coordinates go to `fine[3·corner…]`. */
  private cornerKey(positions: ArrayLike<number>, v: number, corner: number): number {
    const x = this.axisCell(positions[3 * v] ?? 0, 0);
    const y = this.axisCell(positions[3 * v + 1] ?? 0, 1);
    const z = this.axisCell(positions[3 * v + 2] ?? 0, 2);
    this.fine[3 * corner] = x;
    this.fine[3 * corner + 1] = y;
    this.fine[3 * corner + 2] = z;
    return this.key(x, y, z);
  }

  private axisCell(value: number, axis: number): number {
    const i = Math.floor((value - (this.lo[axis] ?? 0)) / this.cell);
    return Math.min(Math.max(i, 0), (this.size[axis] ?? 1) - 1);
  }

  /** The cell at the current level of a finest-level cell (each coordinate < 2^11, so the key is exact). */
  private key(x: number, y: number, z: number): number {
    return ((x >> this.level) * 2048 + (y >> this.level)) * 2048 + (z >> this.level);
  }

  private slot(key: number, corner: number): number {
    const found = this.cells.get(key);
    if (found !== undefined) return found;
    const s = this.count.length;
    this.cells.set(key, s);
    this.cellX.push(this.fine[3 * corner] ?? 0);
    this.cellY.push(this.fine[3 * corner + 1] ?? 0);
    this.cellZ.push(this.fine[3 * corner + 2] ?? 0);
    this.sumX.push(0);
    this.sumY.push(0);
    this.sumZ.push(0);
    this.count.push(0);
    return s;
  }

  private accumulate(s: number, positions: ArrayLike<number>, v: number) {
    this.sumX[s] = (this.sumX[s] ?? 0) + (positions[3 * v] ?? 0);
    this.sumY[s] = (this.sumY[s] ?? 0) + (positions[3 * v + 1] ?? 0);
    this.sumZ[s] = (this.sumZ[s] ?? 0) + (positions[3 * v + 2] ?? 0);
    this.count[s] = (this.count[s] ?? 0) + 1;
  }

  /** Keeps a triangle unless the same three cells already form one (either winding: a thin wall folds onto itself). */
  private keep(a: number, b: number, c: number) {
    const lo = Math.min(a, b, c);
    const hi = Math.max(a, b, c);
    const mid = a + b + c - lo - hi;
    // Slots number at most 3·max + 3 (each kept triangle brings at most three), so the key is exact.
    const span = 3 * this.max + 4;
    const key = (lo * span + mid) * span + hi;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.triA.push(a);
    this.triB.push(b);
    this.triC.push(c);
  }

  /** Halves the grid until the kept triangles fit: cells merge, their sums add up, unused cells go. */
  private coarsen() {
    while (this.triA.length > this.max) {
      this.level++;
      const merged = new Map<number, number>();
      const slotOf: number[] = [];
      const next = { x: [] as number[], y: [] as number[], z: [] as number[], sx: [] as number[], sy: [] as number[], sz: [] as number[], n: [] as number[] };
      for (let s = 0; s < this.count.length; s++) {
        const key = this.key(this.cellX[s] ?? 0, this.cellY[s] ?? 0, this.cellZ[s] ?? 0);
        let to = merged.get(key);
        if (to === undefined) {
          to = next.n.length;
          merged.set(key, to);
          next.x.push(this.cellX[s] ?? 0);
          next.y.push(this.cellY[s] ?? 0);
          next.z.push(this.cellZ[s] ?? 0);
          next.sx.push(0);
          next.sy.push(0);
          next.sz.push(0);
          next.n.push(0);
        }
        slotOf[s] = to;
        next.sx[to] = (next.sx[to] ?? 0) + (this.sumX[s] ?? 0);
        next.sy[to] = (next.sy[to] ?? 0) + (this.sumY[s] ?? 0);
        next.sz[to] = (next.sz[to] ?? 0) + (this.sumZ[s] ?? 0);
        next.n[to] = (next.n[to] ?? 0) + (this.count[s] ?? 0);
      }
      const [oldA, oldB, oldC] = [this.triA, this.triB, this.triC];
      this.triA = [];
      this.triB = [];
      this.triC = [];
      this.seen = new Set();
      // Only cells some surviving triangle uses are kept, renumbered in order of first use.
      const used = new Map<number, number>();
      const keepSlot = (merged: number) => {
        let s = used.get(merged);
        if (s === undefined) {
          s = used.size;
          used.set(merged, s);
        }
        return s;
      };
      const survivors: Array<[number, number, number]> = [];
      for (let t = 0; t < oldA.length; t++) {
        const a = slotOf[oldA[t] ?? 0] ?? 0;
        const b = slotOf[oldB[t] ?? 0] ?? 0;
        const c = slotOf[oldC[t] ?? 0] ?? 0;
        if (a === b || b === c || a === c) continue;
        survivors.push([keepSlot(a), keepSlot(b), keepSlot(c)]);
      }
      this.cells.clear();
      this.cellX = [];
      this.cellY = [];
      this.cellZ = [];
      this.sumX = [];
      this.sumY = [];
      this.sumZ = [];
      this.count = [];
      for (const [from, to] of used) {
        this.cellX[to] = next.x[from] ?? 0;
        this.cellY[to] = next.y[from] ?? 0;
        this.cellZ[to] = next.z[from] ?? 0;
        this.sumX[to] = next.sx[from] ?? 0;
        this.sumY[to] = next.sy[from] ?? 0;
        this.sumZ[to] = next.sz[from] ?? 0;
        this.count[to] = next.n[from] ?? 0;
        this.cells.set(this.key(next.x[from] ?? 0, next.y[from] ?? 0, next.z[from] ?? 0), to);
      }
      for (const [a, b, c] of survivors) this.keep(a, b, c);
    }
  }
}

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"
const FLOAT = 5126;
const UNSIGNED_INT = 5125;
const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;

/** A GLB holding one mesh: POSITION (float32, with the min/max glTF requires) and uint32 indices. */
export function writeGlb(position: Float32Array, index: Uint32Array): Uint8Array {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < position.length; i++) {
    const v = position[i] ?? 0;
    const axis = i % 3;
    if (v < (min[axis] ?? 0)) min[axis] = v;
    if (v > (max[axis] ?? 0)) max[axis] = v;
  }
  const positionBytes = position.byteLength;
  const indexBytes = index.byteLength;
  const json = {
    asset: { version: '2.0', generator: 'Meshvault preview' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 }, indices: 1, mode: 4 }] }],
    buffers: [{ byteLength: positionBytes + indexBytes }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: positionBytes, target: ARRAY_BUFFER },
      { buffer: 0, byteOffset: positionBytes, byteLength: indexBytes, target: ELEMENT_ARRAY_BUFFER },
    ],
    accessors: [
      { bufferView: 0, componentType: FLOAT, count: position.length / 3, type: 'VEC3', min, max },
      { bufferView: 1, componentType: UNSIGNED_INT, count: index.length, type: 'SCALAR' },
    ],
  };
  const jsonText = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = pad4(jsonText.length);
  const binLength = pad4(positionBytes + indexBytes);
  const total = 12 + 8 + jsonLength + 8 + binLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, GLB_MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, CHUNK_JSON, true);
  out.set(jsonText, 20);
  out.fill(0x20, 20 + jsonText.length, 20 + jsonLength); // the JSON chunk is padded with spaces
  const bin = 20 + jsonLength;
  view.setUint32(bin, binLength, true);
  view.setUint32(bin + 4, CHUNK_BIN, true);
  out.set(new Uint8Array(position.buffer, position.byteOffset, positionBytes), bin + 8);
  out.set(new Uint8Array(index.buffer, index.byteOffset, indexBytes), bin + 8 + positionBytes);
  return out;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}
