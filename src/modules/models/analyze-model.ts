import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError, isAppError } from '../../platform/errors/index.js';
import { ByteReader, peekChunks, readBoundedChunks } from './byte-source.js';
import { detectModelFormat, formatSniffBytes, type DetectedFormat } from './format-detect.js';
import { assertInputSize, resolveModelLimits, type ModelLimits } from './limits.js';
import { measureMesh } from './measures.js';
import type { ParsedModel } from './mesh.js';
import type { TBoundingBox, TLengthUnit, TModelAnalysis, TModelFormat } from './models.schema.js';
import { parseAsciiStl, parseBinaryStl, parseBinaryStlFile } from './stl-parser.js';
import { analyzeTopology } from './topology.js';
import { millimetresPerUnit } from './units.js';

export interface AnalyzeModelOptions {
  /** Skips content sniffing when the caller already knows the format. */
  format?: TModelFormat;
  /** The original file name: its extension settles what content alone cannot (binary STL has no signature). */
  filename?: string;
  /** Unit assumed for formats that carry none (STL, OBJ, PLY). Default millimetres. 3MF and glTF declare their own. */
  units?: TLengthUnit;
  limits?: Partial<ModelLimits>;
}

export interface AnalyzeModelStreamOptions extends AnalyzeModelOptions {
  /** Total size if known (e.g. an upload's Content-Length): lets a lying STL header be refused before reading. */
  byteLength?: number;
}

/**
 * Analyses a model file on disk. Never reads the whole file into one string; memory stays proportional
 * to the mesh. Throws only AppError: not_found, unsupported_media_type, unprocessable or payload_too_large.
 */
export async function analyzeModelFile(path: string, options: AnalyzeModelOptions = {}): Promise<TModelAnalysis> {
  const limits = resolveModelLimits(options.limits);
  return guard(async () => {
    const size = await fileSize(path);
    assertInputSize(size, limits);
    // A binary STL, the usual large file, is told by its first bytes and read in place (parseBinaryStlFile):
    // no stream, and no 1 MiB chunk read only to sniff it. Every other format is streamed as before.
    const detected = detectModelFormat(await readHead(path, formatSniffBytes), options.filename ?? path);
    if (detected.format === 'stl' && detected.encoding === 'binary' && (options.format ?? 'stl') === 'stl') {
      return summarise(parseBinaryStlFile(path, { limits, byteLength: size }), options.units ?? 'mm');
    }
    const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
    try {
      return summarise(await analyze(readBoundedChunks(stream, limits), { ...options, filename: options.filename ?? path, byteLength: size }, limits, path), options.units ?? 'mm');
    } finally {
      stream.destroy();
    }
  });
}

/** Analyses a model arriving as a stream (an upload, an object-store read). 3MF is held in memory for unzipping, never written to disk. */
export async function analyzeModelStream(stream: AsyncIterable<unknown>, options: AnalyzeModelStreamOptions = {}): Promise<TModelAnalysis> {
  const limits = resolveModelLimits(options.limits);
  return guard(async () => summarise(await analyze(readBoundedChunks(stream, limits), options, limits, undefined), options.units ?? 'mm'));
}

/** The analysis plus a light preview of the mesh (see preview.ts): a GLB, or null when none could be made. */
export interface ModelAnalysisWithPreview {
  analysis: TModelAnalysis;
  preview: Uint8Array | null;
}

/** As analyzeModelStream, and a preview made from the same parse. A preview that fails leaves the analysis standing. */
export async function analyzeModelStreamWithPreview(stream: AsyncIterable<unknown>, options: AnalyzeModelStreamOptions = {}): Promise<ModelAnalysisWithPreview> {
  const limits = resolveModelLimits(options.limits);
  return guard(async () => {
    const parsed = await analyze(readBoundedChunks(stream, limits), options, limits, undefined);
    const analysis = summarise(parsed, options.units ?? 'mm');
    return { analysis, preview: await previewOf(parsed) };
  });
}

/** The preview is a convenience: failing to make one (memory, a mesh with no extent) never refuses the model. */
async function previewOf(parsed: ParsedModel): Promise<Uint8Array | null> {
  const { buildPreview } = await import('./preview.js');
  try {
    return buildPreview(parsed.mesh)?.glb ?? null;
  } catch {
    return null;
  }
}

async function analyze(
  source: AsyncIterable<Uint8Array>,
  options: AnalyzeModelStreamOptions,
  limits: ModelLimits,
  path: string | undefined,
): Promise<ParsedModel> {
  const { head, chunks } = await peekChunks(source, formatSniffBytes);
  const detected = detectModelFormat(head, options.filename);
  if (options.format !== undefined && options.format !== detected.format) {
    throw new AppError('unsupported_media_type', `The file was expected to be ${options.format.toUpperCase()} but its content is ${detected.format.toUpperCase()}.`);
  }
  return parse(detected, chunks, limits, options.byteLength, path);
}

async function parse(
  detected: DetectedFormat,
  chunks: AsyncIterable<Uint8Array>,
  limits: ModelLimits,
  byteLength: number | undefined,
  path: string | undefined,
): Promise<ParsedModel> {
  const reader = new ByteReader(chunks);
  // Each reader besides STL's loads with the first file of its format: the CLI analysing an STL, or a
  // child analysing one upload, compiles only what it runs.
  switch (detected.format) {
    case 'stl':
      if (detected.encoding === 'ascii') return parseAsciiStl(reader, { limits });
      return parseBinaryStl(reader, byteLength === undefined ? { limits } : { limits, byteLength });
    case 'obj': {
      const { parseObj } = await import('./obj-parser.js');
      return parseObj(reader, limits);
    }
    case 'ply': {
      const { parsePly } = await import('./ply-parser.js');
      return parsePly(reader, limits);
    }
    case 'gltf': {
      // The glTF reader (and the schema library its JSON check uses) loads with the first glTF file.
      const { parseGltf } = await import('./gltf-parser.js');
      return parseGltf(reader, detected.encoding === 'glb' ? 'glb' : 'json', limits, byteLength);
    }
    case '3mf': {
      const { parse3mf } = await import('./threemf-parser.js');
      return parse3mf(path ?? (await holdZip(chunks)), limits);
    }
  }
}

/**
 * yauzl needs random access (the central directory is at the end), so a streamed 3MF is held whole in
 * memory: a confidential model decrypted from the vault must not be written to disk in the clear to unzip
 * it. The input limit (checked as it arrives) bounds it; in the analysis child it counts against the
 * memory budget like the mesh, and the child's watchdog refuses a file that needs more.
 */
async function holdZip(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const held: Uint8Array[] = [];
  for await (const chunk of chunks) held.push(chunk);
  return Buffer.concat(held);
}

function summarise(parsed: ParsedModel, assumedUnit: TLengthUnit): TModelAnalysis {
  const topology = analyzeTopology(parsed.mesh);
  const measures = measureMesh(parsed.mesh, topology.reversed);
  const unit = parsed.declaredUnit ?? assumedUnit;
  const mm = millimetresPerUnit(unit);
  const watertight = topology.openEdges === 0 && topology.nonManifoldEdges === 0;
  const warnings = [...parsed.warnings];
  if (parsed.declaredUnit === undefined) warnings.push(`${parsed.format.toUpperCase()} files carry no unit; coordinates were taken as ${unit}.`);
  if (!watertight) warnings.push('The mesh is not watertight, so its volume is only an estimate.');
  if (topology.reversed !== null) warnings.push('Some faces are flipped; the volume was computed as if they were turned the right way.');
  if (watertight && measures.signedVolume < 0) warnings.push('The faces point inwards (the mesh is inside out).');
  const volume = Math.abs(measures.signedVolume);
  if (![volume * mm ** 3, measures.surfaceArea * mm ** 2, ...measures.min, ...measures.max].every(Number.isFinite)) {
    throw new AppError('unprocessable', 'The model coordinates are too large to measure; the file is corrupt or uses absurd units.');
  }
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    unit,
    unitDeclared: parsed.declaredUnit !== undefined,
    triangles: parsed.mesh.triangleCount,
    vertices: topology.vertices,
    boundingBox: box(measures.min, measures.max, 1),
    boundingBoxMm: box(measures.min, measures.max, mm),
    volume,
    volumeMm3: volume * mm ** 3,
    insideOut: measures.signedVolume < 0,
    surfaceArea: measures.surfaceArea,
    surfaceAreaMm2: measures.surfaceArea * mm ** 2,
    shells: topology.shells,
    edges: {
      total: topology.edges,
      open: topology.openEdges,
      nonManifold: topology.nonManifoldEdges,
      inconsistentlyOriented: topology.inconsistentEdges,
    },
    degenerateTriangles: measures.degenerateTriangles,
    watertight,
    warnings,
  };
}

function box(min: readonly number[], max: readonly number[], scale: number): TBoundingBox {
  const v = (values: readonly number[]) => ({ x: (values[0] ?? 0) * scale, y: (values[1] ?? 0) * scale, z: (values[2] ?? 0) * scale });
  const lo = v(min);
  const hi = v(max);
  return { min: lo, max: hi, size: { x: hi.x - lo.x, y: hi.y - lo.y, z: hi.z - lo.z } };
}

/** The first `n` bytes of the file (fewer when it is shorter). */
async function readHead(path: string, n: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await file.read(new Uint8Array(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('unprocessable', 'The model path is not a regular file.');
    return info.size;
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('not_found', 'The model file does not exist or cannot be read.');
  }
}

/**
 * The last line of defence behind the parsers' own checks: anything that is not already an AppError
 * becomes one, so an upload job never crashes. `details.internal` marks these so tests can tell a
 * handled refusal from a parser bug.
 */
async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) throw error;
    if (error instanceof RangeError && /Array buffer allocation failed|Invalid typed array length|Invalid array length/.test(error.message)) {
      throw new AppError('payload_too_large', 'The model is too large to analyse on this server.', { internal: true });
    }
    throw new AppError('unprocessable', 'The model file could not be read: it is corrupt or uses a feature we do not support.', { internal: true });
  }
}
