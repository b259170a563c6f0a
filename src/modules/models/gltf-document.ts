import { z } from 'zod';
import type { ByteReader } from './byte-source.js';
import type { ModelLimits } from './limits.js';
import { modelTooLarge, unprocessableModel, unsupportedModel } from './models.errors.js';

const index = z.number().int().nonnegative();
const finite = z.number().refine(Number.isFinite);

/** The part of glTF 2.0 that carries geometry; everything else (materials, animations…) is ignored. */
const ZGltf = z.object({
  asset: z.object({ version: z.string() }),
  extensionsRequired: z.array(z.string()).optional(),
  scene: index.optional(),
  scenes: z.array(z.object({ nodes: z.array(index).optional() })).optional(),
  nodes: z
    .array(
      z.object({
        children: z.array(index).optional(),
        mesh: index.optional(),
        matrix: z.array(finite).length(16).optional(),
        translation: z.array(finite).length(3).optional(),
        rotation: z.array(finite).length(4).optional(),
        scale: z.array(finite).length(3).optional(),
      }),
    )
    .optional(),
  meshes: z
    .array(z.object({ primitives: z.array(z.object({ attributes: z.record(z.string(), index), indices: index.optional(), mode: index.optional() })) }))
    .optional(),
  accessors: z
    .array(
      z.object({
        bufferView: index.optional(),
        byteOffset: index.optional(),
        componentType: z.number().int(),
        count: z.number().int().positive(),
        type: z.string(),
        normalized: z.boolean().optional(),
        sparse: z.unknown().optional(),
      }),
    )
    .optional(),
  bufferViews: z
    .array(z.object({ buffer: index, byteOffset: index.optional(), byteLength: z.number().int().positive(), byteStride: z.number().int().min(4).max(252).optional() }))
    .optional(),
  buffers: z.array(z.object({ uri: z.string().optional(), byteLength: z.number().int().positive() })).optional(),
});
export type TGltf = z.infer<typeof ZGltf>;

export interface GltfDocument {
  json: TGltf;
  buffers: Buffer[];
}

const glbMagic = 0x46546c67;
const jsonChunk = 0x4e4f534a;
const binChunk = 0x004e4942;

/** Reads a .glb container: 12-byte header, a JSON chunk, an optional BIN chunk. */
export async function readGlb(reader: ByteReader, limits: ModelLimits, byteLength: number | undefined): Promise<GltfDocument> {
  const header = await reader.take(12, 'the GLB header');
  const view = new DataView(header.buffer, header.byteOffset, 12);
  if (view.getUint32(0, true) !== glbMagic) throw unprocessableModel('The file does not start with the GLB signature.');
  const version = view.getUint32(4, true);
  if (version !== 2) throw unsupportedModel(`The GLB file is glTF version ${version}; only glTF 2.0 is supported.`);
  const declared = view.getUint32(8, true);
  if (byteLength !== undefined && declared !== byteLength) {
    throw unprocessableModel(`The GLB header declares ${declared} bytes but the file has ${byteLength}; it is truncated or corrupt.`);
  }
  const [jsonLength, jsonType] = await readChunkHeader(reader);
  if (jsonType !== jsonChunk) throw unprocessableModel('The GLB file does not start with a JSON chunk.');
  if (jsonLength > limits.maxJsonBytes) throw modelTooLarge(`The GLB JSON chunk is larger than ${limits.maxJsonBytes} bytes.`);
  const json = parseGltfJson((await reader.readBytes(jsonLength, 'the GLB JSON chunk')).toString('utf8'), limits);
  let bin: Buffer | undefined;
  while (!(await reader.atEnd())) {
    const [length, type] = await readChunkHeader(reader);
    if (length > declared) throw unprocessableModel('A GLB chunk is longer than the file.');
    if (length > limits.maxHeldBytes) throw modelTooLarge(`A GLB chunk is larger than ${limits.maxHeldBytes.toLocaleString('en-US')} bytes, the most this installation holds in memory for one model.`);
    const data = await reader.readBytes(length, 'a GLB chunk');
    if (type === binChunk && bin === undefined) bin = data;
  }
  return { json, buffers: resolveBuffers(json, bin) };
}

async function readChunkHeader(reader: ByteReader): Promise<[number, number]> {
  const bytes = await reader.take(8, 'a GLB chunk header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}

/** Reads a .gltf JSON file whole (its size bounded by `maxJsonBytes`); buffers must be embedded data URIs. */
export async function readGltfJson(reader: ByteReader, limits: ModelLimits): Promise<GltfDocument> {
  const pieces: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of reader.rest()) {
    total += chunk.byteLength;
    if (total > limits.maxJsonBytes) throw modelTooLarge(`The glTF JSON file is larger than ${limits.maxJsonBytes} bytes; upload it as .glb instead.`);
    pieces.push(chunk);
  }
  const json = parseGltfJson(Buffer.concat(pieces, total).toString('utf8'), limits);
  return { json, buffers: resolveBuffers(json, undefined) };
}

function parseGltfJson(text: string, limits: ModelLimits): TGltf {
  assertJsonDepth(text, limits.maxJsonDepth);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw unprocessableModel(`The glTF JSON is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'}).`);
  }
  const parsed = ZGltf.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw unprocessableModel(`The glTF JSON is not a valid glTF 2.0 document: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  if (!parsed.data.asset.version.startsWith('2.')) throw unsupportedModel(`The file is glTF ${parsed.data.asset.version.slice(0, 20)}; only glTF 2.0 is supported.`);
  const required = parsed.data.extensionsRequired ?? [];
  if (required.length > 0) {
    throw unsupportedModel(`The glTF file requires extensions we cannot read (${required.join(', ').slice(0, 200)}); export it without compression.`);
  }
  return parsed.data;
}

/** Refuses deep nesting before JSON.parse and before anything walks the result recursively. */
function assertJsonDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw unprocessableModel(`The glTF JSON nests deeper than ${maxDepth} levels; it is not a model.`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

const dataUri = /^data:(?:application\/octet-stream|application\/gltf-buffer);base64,/;

function resolveBuffers(json: TGltf, bin: Buffer | undefined): Buffer[] {
  return (json.buffers ?? []).map((buffer, i) => {
    let data: Buffer;
    if (buffer.uri === undefined) {
      if (i !== 0 || bin === undefined) throw unprocessableModel(`glTF buffer ${i} has no data (no URI and no GLB binary chunk).`);
      data = bin;
    } else {
      const match = dataUri.exec(buffer.uri);
      if (match === null) {
        throw unsupportedModel(`glTF buffer ${i} refers to an external file; upload a .glb or a .gltf with embedded buffers.`);
      }
      data = Buffer.from(buffer.uri.slice(match[0].length), 'base64');
    }
    if (data.byteLength < buffer.byteLength) throw unprocessableModel(`glTF buffer ${i} declares ${buffer.byteLength} bytes but holds ${data.byteLength}.`);
    return data;
  });
}
