import { z } from 'zod';

export const ZModelFormat = z.enum(['stl', 'obj', 'ply', '3mf', 'gltf']);
export type TModelFormat = z.infer<typeof ZModelFormat>;

/** How the format stores its data: STL/PLY binary or text, glTF as .glb or .gltf JSON. */
export const ZModelEncoding = z.enum(['binary', 'ascii', 'binary_little_endian', 'binary_big_endian', 'glb', 'json', 'zip']);
export type TModelEncoding = z.infer<typeof ZModelEncoding>;

export const ZLengthUnit = z.enum(['um', 'mm', 'cm', 'in', 'ft', 'm']);
export type TLengthUnit = z.infer<typeof ZLengthUnit>;

const ZVec3 = z.object({ x: z.number(), y: z.number(), z: z.number() });
export type TVec3 = z.infer<typeof ZVec3>;

export const ZBoundingBox = z.object({ min: ZVec3, max: ZVec3, size: ZVec3 });
export type TBoundingBox = z.infer<typeof ZBoundingBox>;

/**
 * What `analyzeModelFile`/`analyzeModelStream` answer. Plain JSON (no typed arrays, no NaN), so a job can
 * store it as-is. Lengths are given in the file's units and in millimetres; an empty bounding box never
 * occurs because a model with no triangles is refused.
 */
export const ZModelAnalysis = z.object({
  format: ZModelFormat,
  encoding: ZModelEncoding,
  /** The unit the coordinates are in: declared by 3MF (`unit`) and glTF (metres), assumed for the others. */
  unit: ZLengthUnit,
  /** True when the file itself declares the unit, false when it was assumed (STL, OBJ, PLY). */
  unitDeclared: z.boolean(),
  triangles: z.number().int().nonnegative(),
  /** Distinct vertex positions after welding exactly equal coordinates. */
  vertices: z.number().int().nonnegative(),
  boundingBox: ZBoundingBox,
  boundingBoxMm: ZBoundingBox,
  /** Enclosed volume: absolute value of the signed-tetrahedra sum. Only meaningful when watertight. */
  volume: z.number().nonnegative(),
  volumeMm3: z.number().nonnegative(),
  /** True when the signed volume was negative, i.e. the faces mostly point inwards. */
  insideOut: z.boolean(),
  surfaceArea: z.number().nonnegative(),
  surfaceAreaMm2: z.number().nonnegative(),
  /** Edge-connected pieces of surface (admesh's "Number of parts"). */
  shells: z.number().int().nonnegative(),
  edges: z.object({
    total: z.number().int().nonnegative(),
    /** Edges used by exactly one face: holes in the surface. */
    open: z.number().int().nonnegative(),
    /** Edges used by more than two faces. */
    nonManifold: z.number().int().nonnegative(),
    /** Edges shared by exactly two faces that traverse it in the same direction (one face is flipped). */
    inconsistentlyOriented: z.number().int().nonnegative(),
  }),
  /** Triangles with a repeated vertex or (practically) zero area. */
  degenerateTriangles: z.number().int().nonnegative(),
  /** No open edges and no non-manifold edges. */
  watertight: z.boolean(),
  warnings: z.array(z.string()),
});
export type TModelAnalysis = z.infer<typeof ZModelAnalysis>;

export const ZBuildVolume = z.object({
  process: z.string().min(1),
  buildVolumeMm: z.object({ x: z.number().positive(), y: z.number().positive(), z: z.number().positive() }),
});
export type TBuildVolume = z.infer<typeof ZBuildVolume>;

export const ZBuildVolumeFit = z.object({
  process: z.string(),
  fits: z.boolean(),
  /** The part's size along the machine's x, y, z once rotated to fit; null when it does not fit. */
  placedSizeMm: ZVec3.nullable(),
});
export type TBuildVolumeFit = z.infer<typeof ZBuildVolumeFit>;
