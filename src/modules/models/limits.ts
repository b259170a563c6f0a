import { modelTooLarge, unprocessableModel } from './models.errors.js';

/**
 * Bounds that keep a hostile upload from exhausting memory or time. Every parser checks the numbers a
 * file *announces* against these before allocating, and checks the data it actually receives while
 * reading, so a lying header cannot make us allocate more than the bytes that really arrived.
 */
export interface ModelLimits {
  /** Largest input accepted, in bytes. */
  maxInputBytes: number;
  /** Most triangles a model may have (after polygon triangulation and instancing). */
  maxTriangles: number;
  /** Most vertices an indexed format (OBJ, PLY, 3MF, glTF) may declare, or an STL may have once welded. */
  maxVertices: number;
  /** Longest text line (OBJ, ASCII STL/PLY) or XML tag (3MF). */
  maxLineBytes: number;
  /** Largest glTF JSON document (a .gltf with embedded base64 buffers counts whole). */
  maxJsonBytes: number;
  /** Largest binary chunk held whole in memory (a GLB's BIN chunk, a decoded `data:` buffer). */
  maxHeldBytes: number;
  /** Deepest array/object nesting accepted in glTF JSON. */
  maxJsonDepth: number;
  /** Most entries in a 3MF zip. */
  maxZipEntries: number;
  /** Total bytes the 3MF entries we read may inflate to. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of a 3MF entry; above it the zip is treated as a bomb. */
  maxCompressionRatio: number;
  /** Deepest nesting of 3MF components or glTF nodes. */
  maxSceneDepth: number;
}

export const defaultModelLimits: Readonly<ModelLimits> = Object.freeze({
  maxInputBytes: 2 * 1024 ** 3,
  maxTriangles: 50_000_000,
  maxVertices: 150_000_000,
  maxLineBytes: 1024 * 1024,
  maxJsonBytes: 512 * 1024 ** 2,
  maxHeldBytes: 1024 ** 3,
  maxJsonDepth: 64,
  maxZipEntries: 10_000,
  maxUncompressedBytes: 4 * 1024 ** 3,
  maxCompressionRatio: 200,
  maxSceneDepth: 32,
});

/**
 * What one analysis costs in resident memory: the analysis child's peak RSS (bench/mesh-analysis.bench.ts
 * and the same child on other generated files; Node 20, x86-64), rounded up for a margin:
 * - runtimeMb: the child before it reads a byte: measured 61-64 MiB from dist/, 91 MiB through tsx,
 *   plus the light preview made from the same parse (bounded by its triangle cap: a few MiB) and room for
 *   garbage not yet collected: with 96 the child at the limit of a 160 MiB budget sometimes crossed it.
 * - bytesPerTriangle: the worst format per triangle, OBJ (double-precision vertex table, three indices,
 *   the welded corners, the side buckets and union-find, plus the text being split): measured 102 B
 *   (1M-triangle sphere, 0.5 vertices per triangle). Binary STL, welded while read by the WebAssembly
 *   kernel (stl-weld-kernel.ts), whose memory keeps its hash table and the edge count's buckets until the
 *   analysis ends: 120 MiB over the idle child at 1M triangles (the preview made on top of them), then
 *   50-62 B per triangle more from 1M to 3M: within runtimeMb + bytesPerTriangle at every size measured.
 * - bytesPerVertex: a vertex that no triangle shares (the double-precision table doubling as it grows,
 *   its weld id and hash): measured 65 B (OBJ of 2M vertices and one face).
 * - bytesPerHeldByte: a file held whole: a .gltf with a `data:` buffer (its text, the parsed JSON, the
 *   decoded buffer) measured 10 B per byte of file; a GLB 4.4 B.
 * The limits are the budget divided by these, so a file at any limit fits the budget; the watchdog in
 * analyze-in-child.ts is the backstop, not the plan.
 */
export const analysisMemoryCost = Object.freeze({ runtimeMb: 112, bytesPerTriangle: 110, bytesPerVertex: 80, bytesPerHeldByte: 12 });

/** The text formats spend at most this many bytes of file per triangle (an ASCII STL facet written at full precision). */
const mostFileBytesPerTriangle = 320;

/** The model limits that keep one analysis inside `memoryMb` of resident memory. */
export function modelLimitsForMemory(memoryMb: number): ModelLimits {
  const usable = Math.max(0, memoryMb - analysisMemoryCost.runtimeMb) * 1024 * 1024;
  const maxTriangles = Math.floor(usable / analysisMemoryCost.bytesPerTriangle);
  const maxHeld = Math.floor(usable / analysisMemoryCost.bytesPerHeldByte);
  return {
    ...defaultModelLimits,
    maxTriangles,
    maxVertices: Math.floor(usable / analysisMemoryCost.bytesPerVertex),
    // Streamed formats cost memory by triangles, not bytes; a larger file cannot be within the triangle limit.
    maxInputBytes: Math.max(maxTriangles * mostFileBytesPerTriangle, maxHeld),
    maxJsonBytes: maxHeld,
    maxHeldBytes: maxHeld,
  };
}

export function resolveModelLimits(overrides: Partial<ModelLimits> = {}): ModelLimits {
  return { ...defaultModelLimits, ...overrides };
}

export function assertTriangleBudget(count: number, limits: ModelLimits): void {
  if (count > limits.maxTriangles) {
    throw modelTooLarge(
      `The model has more than ${limits.maxTriangles.toLocaleString('en-US')} triangles, the most this installation analyses. Simplify or split the model.`,
      { triangles: count, maxTriangles: limits.maxTriangles },
    );
  }
}

export function assertVertexBudget(count: number, limits: ModelLimits): void {
  if (count > limits.maxVertices) {
    throw modelTooLarge(
      `The model has more than ${limits.maxVertices.toLocaleString('en-US')} vertices, the most this installation analyses.`,
      { vertices: count, maxVertices: limits.maxVertices },
    );
  }
}

export function assertInputSize(bytes: number, limits: ModelLimits): void {
  if (bytes > limits.maxInputBytes) {
    throw modelTooLarge(`The file is larger than ${limits.maxInputBytes.toLocaleString('en-US')} bytes, the most this installation analyses.`, {
      maxInputBytes: limits.maxInputBytes,
    });
  }
}

/**
 * Larger than any physical model in any unit, yet small enough that volumes (a cube of it, times the
 * unit conversion) stay finite in double precision. Single-precision STL coordinates cannot reach the
 * overflow zone, so only double-precision formats need the check.
 */
const maxCoordinateMagnitude = 1e30;

/** Whether `value` is a coordinate assertFiniteCoordinate lets through (a check without a place to name). */
export function isPlausibleCoordinate(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= maxCoordinateMagnitude;
}

/** Refuses NaN, ±Infinity and absurd magnitudes: they poison every measure and usually mean a corrupt file. */
export function assertFiniteCoordinate(value: number, where: string): void {
  if (!Number.isFinite(value)) {
    throw unprocessableModel(`The model has a coordinate that is not a finite number (${String(value)}) ${where}; the file is corrupt.`, { where });
  }
  if (Math.abs(value) > maxCoordinateMagnitude) {
    throw unprocessableModel(`The model has an implausibly large coordinate (${value.toExponential(3)}) ${where}; the file is corrupt.`, { where });
  }
}
