import { FloatList, IndexList } from './growable-array.js';
import { assertFiniteCoordinate, assertTriangleBudget, assertVertexBudget, isPlausibleCoordinate, type ModelLimits } from './limits.js';
import type { TLengthUnit, TModelEncoding, TModelFormat } from './models.schema.js';
import { unprocessableModel } from './models.errors.js';
import type { CountedEdges } from './edge-counts.js';
import type { TriangleSums } from './triangle-sums.js';

/**
 * The in-memory mesh every parser produces. STL is welded while it is read (`welded`): its distinct
 * vertices in single precision, exactly as stored in the file, plus three ids per triangle; indexed
 * formats keep their vertex table in double precision plus three indices per triangle. A triangle soup
 * (`indices === null`, three vertices per triangle) is still accepted.
 */
export interface RawMesh {
  /** x, y, z per vertex. */
  positions: Float32Array | Float64Array;
  /** Three vertex indices per triangle, or null when `positions` holds three vertices per triangle. */
  indices: Uint32Array | null;
  triangleCount: number;
  /** True when `positions` are already distinct (welded exactly while reading, as STL is): topology skips welding. */
  welded?: boolean;
  /** Volume, area and degenerate sums made while the file was read (binary STL), in triangle order. */
  sums?: TriangleSums;
  /** The box of `positions`, when it was found while the file was read (binary STL). */
  bounds?: MeshBounds;
  /** Counts the edges where the mesh lies, when the kernel that welded it can (stl-weld-kernel.ts); else topology.ts does. */
  countEdges?: () => CountedEdges;
}

export interface MeshBounds {
  min: [number, number, number];
  max: [number, number, number];
}

export interface ParsedModel {
  mesh: RawMesh;
  format: TModelFormat;
  encoding: TModelEncoding;
  /** Set only when the file itself declares its unit (3MF, glTF). */
  declaredUnit?: TLengthUnit;
  warnings: string[];
}

/** Collects an indexed mesh while enforcing the vertex/triangle budgets and finiteness on the way in. */
export class IndexedMeshBuilder {
  private readonly positions = new FloatList(64, 3 * 4096);
  private readonly indices = new IndexList(3 * 4096);

  constructor(private readonly limits: ModelLimits) {}

  get vertexCount(): number {
    return this.positions.length / 3;
  }

  get triangleCount(): number {
    return this.indices.length / 3;
  }

  /**
   * Returns the new vertex's index. `where` names the place in the file for error messages: a text
   * reader passes a function, so that no message is made for the millions of vertices that are fine.
   */
  addVertex(x: number, y: number, z: number, where: string | (() => string)): number {
    if (!isPlausibleCoordinate(x) || !isPlausibleCoordinate(y) || !isPlausibleCoordinate(z)) {
      const place = typeof where === 'string' ? where : where();
      for (const value of [x, y, z]) assertFiniteCoordinate(value, place);
    }
    const index = this.vertexCount;
    assertVertexBudget(index + 1, this.limits);
    // `+ 0` turns -0 into +0 so welding by value and by hash agree.
    this.positions.push3(x + 0, y + 0, z + 0);
    return index;
  }

  addTriangle(a: number, b: number, c: number): void {
    // Out-of-range indices are reported by build(); here only guard the Uint32 store against wrapping.
    if (a >>> 0 !== a || b >>> 0 !== b || c >>> 0 !== c) {
      throw unprocessableModel(`The model has a face with an invalid vertex index (${a}, ${b}, ${c}).`);
    }
    assertTriangleBudget(this.triangleCount + 1, this.limits);
    this.indices.push3(a, b, c);
  }

  /** Fan-triangulates a convex-or-not polygon the way OBJ/PLY readers conventionally do. */
  addPolygon(corners: readonly number[], count = corners.length): void {
    const first = corners[0];
    if (first === undefined) return;
    for (let i = 1; i + 1 < count; i++) this.addTriangle(first, corners[i] ?? first, corners[i + 1] ?? first);
  }

  build(formatName: string): RawMesh {
    const indices = this.indices.view();
    const vertexCount = this.vertexCount;
    for (let i = 0; i < indices.length; i++) {
      const v = indices[i] ?? 0;
      if (v >= vertexCount) {
        throw unprocessableModel(
          `The ${formatName} file's face ${Math.floor(i / 3) + 1} refers to vertex ${v + 1}, but the file defines only ${vertexCount} vertices.`,
          { triangle: Math.floor(i / 3) + 1, vertex: v + 1, vertices: vertexCount },
        );
      }
    }
    return { positions: this.positions.view(), indices, triangleCount: indices.length / 3 };
  }
}

export function assertHasTriangles(mesh: RawMesh, formatName: string): void {
  if (mesh.triangleCount === 0) throw unprocessableModel(`The ${formatName} file contains no triangles, so there is nothing to print.`);
}
