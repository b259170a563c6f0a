/**
 * Every triangle side (3·triangle + corner, the edge from that corner to the next), grouped by the lower
 * welded vertex of its edge (compressed-row layout) and, within a group, sorted by the higher vertex:
 * the uses of one edge are adjacent. `code` packs the side and its direction, 2·side + 1 when the side
 * runs from the lower vertex to the higher: 2·3·triangles stays below 2³² for any triangle limit a
 * memory budget allows (≈ 715M triangles).
 */
export interface SideBuckets {
  /** Each vertex's first side, and one past the last vertex's last. */
  start: Uint32Array;
  /** hi, code of each side, side by side. */
  pairs: Uint32Array;
}

/** What topology.ts counts of a welded mesh's edges, and the buckets it counted them from. */
export interface CountedEdges {
  sides: SideBuckets;
  /** 1 for each triangle left out because two of its corners weld to the same vertex. */
  skipped: Uint8Array;
  repeated: number;
  edges: number;
  open: number;
  nonManifold: number;
  inconsistent: number;
  /** Unions that joined two shells: shells = triangles − repeated − merges. */
  merges: number;
}
