/**
 * The per-triangle sums behind volume, area and the degenerate count, in double precision whatever the
 * precision of the coordinates. One place for the arithmetic, so the sums a binary STL gets while it is
 * read (measureStlRecords) and those measureMesh makes afterwards are the same numbers.
 */
export class TriangleSums {
  /** Six times the signed volume: tetrahedra against the origin. */
  volume6 = 0;
  /** Twice the surface area. */
  area2 = 0;
  /**
   * Triangles whose area is at most 1e-9 × (longest edge)², which includes those with a repeated vertex.
   * A relative test, because exact zero misses collinear corners rounded to single precision.
   */
  degenerate = 0;

  /** Adds one triangle; `reversed`: its volume counts with the opposite sign (a face turned the right way). */
  add(ax: number, ay: number, az: number, bx: number, by: number, bz: number, cx: number, cy: number, cz: number, reversed: boolean): void {
    const tetra6 = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
    this.volume6 += reversed ? -tetra6 : tetra6;
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
    this.area2 += doubleArea;
    const wx = cx - bx;
    const wy = cy - by;
    const wz = cz - bz;
    const longest = Math.max(ux * ux + uy * uy + uz * uz, vx * vx + vy * vy + vz * vz, wx * wx + wy * wy + wz * wz);
    if (doubleArea <= 2 * degenerateRatio * longest) this.degenerate++;
  }
}

const degenerateRatio = 1e-9;

/**
 * Adds `count` 50-byte binary STL records starting at byte `p` of `view` (normal ignored) to `sums`, while
 * the block just read is still in the CPU cache: the later pass over the welded mesh, gathering every
 * corner through its id, is then left out. A record that is not finite makes the sums NaN; the welder
 * finds it and the file is refused. A -0 gives the same sums as the +0 the welder stores.
 */
export function measureStlRecords(view: DataView, p: number, count: number, sums: TriangleSums): void {
  for (let r = 0; r < count; r++, p += 50) {
    sums.add(
      view.getFloat32(p + 12, true),
      view.getFloat32(p + 16, true),
      view.getFloat32(p + 20, true),
      view.getFloat32(p + 24, true),
      view.getFloat32(p + 28, true),
      view.getFloat32(p + 32, true),
      view.getFloat32(p + 36, true),
      view.getFloat32(p + 40, true),
      view.getFloat32(p + 44, true),
      false,
    );
  }
}
