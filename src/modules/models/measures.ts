import type { RawMesh } from './mesh.js';
import { TriangleSums } from './triangle-sums.js';

export interface Measures {
  min: [number, number, number];
  max: [number, number, number];
  /** Sum of signed tetrahedra against the origin (triangles in `reversed` counted reversed); positive when faces point outwards. */
  signedVolume: number;
  surfaceArea: number;
  /**
   * Triangles whose area is at most 1e-9 × (longest edge)², which includes those with a repeated vertex.
   * A relative test, because exact zero misses collinear corners rounded to single precision.
   */
  degenerateTriangles: number;
}

/** Everything is accumulated in double precision, whatever the precision of the stored coordinates. */
export function measureMesh(mesh: RawMesh, reversed: Uint8Array | null = null): Measures {
  const { positions, indices, triangleCount } = mesh;
  // A mesh welded while read has only vertices its triangles use: its box is its vertices' box.
  const boxFromPositions = mesh.welded === true && triangleCount > 0;
  let [minX, minY, minZ, maxX, maxY, maxZ] = mesh.bounds ? [...mesh.bounds.min, ...mesh.bounds.max] : boxFromPositions ? boxOf(positions) : emptyBox();
  // Summed while the file was read (a binary STL, see measureStlRecords): the same sums in the same
  // order, so only the box is left. A shell to reverse changes the volume: then all is summed again.
  const presummed = boxFromPositions && reversed === null ? mesh.sums : undefined;
  const sums = presummed ?? new TriangleSums();
  for (let t = presummed === undefined ? 0 : triangleCount; t < triangleCount; t++) {
    const i0 = 3 * (indices === null ? 3 * t : (indices[3 * t] ?? 0));
    const i1 = 3 * (indices === null ? 3 * t + 1 : (indices[3 * t + 1] ?? 0));
    const i2 = 3 * (indices === null ? 3 * t + 2 : (indices[3 * t + 2] ?? 0));
    const ax = positions[i0] ?? 0;
    const ay = positions[i0 + 1] ?? 0;
    const az = positions[i0 + 2] ?? 0;
    const bx = positions[i1] ?? 0;
    const by = positions[i1 + 1] ?? 0;
    const bz = positions[i1 + 2] ?? 0;
    const cx = positions[i2] ?? 0;
    const cy = positions[i2 + 1] ?? 0;
    const cz = positions[i2 + 2] ?? 0;

    if (!boxFromPositions) {
      // Only vertices some triangle uses count; comparisons, not Math.min/max, in this hot loop.
      if (ax < minX) minX = ax;
      if (ax > maxX) maxX = ax;
      if (ay < minY) minY = ay;
      if (ay > maxY) maxY = ay;
      if (az < minZ) minZ = az;
      if (az > maxZ) maxZ = az;
      if (bx < minX) minX = bx;
      if (bx > maxX) maxX = bx;
      if (by < minY) minY = by;
      if (by > maxY) maxY = by;
      if (bz < minZ) minZ = bz;
      if (bz > maxZ) maxZ = bz;
      if (cx < minX) minX = cx;
      if (cx > maxX) maxX = cx;
      if (cy < minY) minY = cy;
      if (cy > maxY) maxY = cy;
      if (cz < minZ) minZ = cz;
      if (cz > maxZ) maxZ = cz;
    }
    sums.add(ax, ay, az, bx, by, bz, cx, cy, cz, reversed !== null && reversed[t] === 1);
  }
  return { min: [minX, minY, minZ], max: [maxX, maxY, maxZ], signedVolume: sums.volume6 / 6, surfaceArea: sums.area2 / 2, degenerateTriangles: sums.degenerate };
}

/**
 * The box of all positions. A function of its own: V8 enters its loop by on-stack replacement, and code
 * after a loop that had not yet run (the triangle loop, were this inline) has no type feedback, so the
 * optimised code would be dropped and compiled again there.
 */
function boxOf(positions: Float32Array | Float64Array): Box {
  let [minX, minY, minZ, maxX, maxY, maxZ] = emptyBox();
  for (let i = 0; i < positions.length; i += 3) {
    const x = positions[i]!;
    const y = positions[i + 1]!;
    const z = positions[i + 2]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  return [minX, minY, minZ, maxX, maxY, maxZ];
}

/** min x, y, z, max x, y, z. */
type Box = [number, number, number, number, number, number];

const emptyBox = (): Box => [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
