import { closeSync, openSync, readSync } from 'node:fs';
import type { ByteReader } from './byte-source.js';
import { assertTriangleBudget, type ModelLimits } from './limits.js';
import type { ParsedModel, RawMesh } from './mesh.js';
import { unprocessableModel } from './models.errors.js';
import { forEachTextLine } from './text-line.js';
import { openStlWelder, STL_BLOCK_RECORDS } from './stl-weld-kernel.js';
import { Float32Welder, STL_RECORD_BYTES as recordBytes, type StlRecordWelder } from './vertex-welder.js';

const headerBytes = 84;

export interface StlParseContext {
  limits: ModelLimits;
  /** Total size when known (a file on disk): lets us refuse a wrong triangle count before allocating. */
  byteLength?: number;
}

/**
 * Binary STL: 80-byte header, uint32 triangle count, then 50-byte records (normal, three vertices,
 * attribute). Normals are ignored: every measure is computed from the vertices, as slicers do.
 */
export async function parseBinaryStl(reader: ByteReader, ctx: StlParseContext): Promise<ParsedModel> {
  const header = await reader.take(headerBytes, 'the binary STL header');
  const announced = announcedTriangles(header, ctx);
  // Welded as read: only distinct vertices and three ids per triangle are kept, never the soup. The
  // kernel lays its regions out for the announced count (address space: pages are resident only once
  // written, so a lying header costs nothing); its hash table, like the JavaScript welder's tables, is
  // sized for the announced count only when the size was validated, else it grows as records arrive.
  const welder = openStlWelder(ctx.limits, announced, ctx.byteLength !== undefined ? announced : Math.min(announced, 65_536));
  let done = 0;
  while (done < announced) {
    if (reader.available < recordBytes && !(await reader.fillRecord(recordBytes))) throw truncated(announced, done);
    const batch = Math.min(announced - done, Math.floor(reader.available / recordBytes), STL_BLOCK_RECORDS);
    done = readRecords(reader, welder, done, batch);
  }
  if (!(await reader.atEnd())) {
    throw unprocessableModel(`The binary STL has data after the ${announced} triangles its header announces; the triangle count is wrong.`, {
      announced,
    });
  }
  return { mesh: weldedMesh(welder), format: 'stl', encoding: 'binary', warnings: [] };
}

/**
 * A binary STL file on disk: whole records are read straight into one buffer, reused from block to
 * block, and welded where they lie. No stream, no chunk per read for the collector, no record ever
 * straddles two reads. The file's size was checked against its header, so its records are all there
 * unless it shrinks while read (then it is refused as truncated).
 */
export function parseBinaryStlFile(path: string, ctx: StlParseContext & { byteLength: number }): ParsedModel {
  const fd = openSync(path, 'r');
  try {
    const header = new Uint8Array(headerBytes);
    const announced = announcedTriangles(header.subarray(0, readFully(fd, header, headerBytes, 0)), ctx);
    const welder = openStlWelder(ctx.limits, announced, announced);
    for (let done = 0; done < announced; ) {
      const batch = Math.min(announced - done, STL_BLOCK_RECORDS);
      const block = welder.recordBlock(batch);
      const got = readFully(fd, block, recordBytes * batch, headerBytes + recordBytes * done);
      if (got < recordBytes * batch) throw truncated(announced, done + Math.floor(got / recordBytes));
      weld(welder, done, batch);
      done += batch;
    }
    return { mesh: weldedMesh(welder), format: 'stl', encoding: 'binary', warnings: [] };
  } finally {
    closeSync(fd);
  }
}

/** Reads up to `length` bytes at `position`, fewer only at the end of the file. */
function readFully(fd: number, into: Uint8Array, length: number, position: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, into, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** The triangle count of an 84-byte header, refused when zero, over the budget or, with a known size, wrong. */
function announcedTriangles(header: Uint8Array, ctx: StlParseContext): number {
  if (header.byteLength < headerBytes) throw unprocessableModel('The file ends in the middle of the binary STL header; it is truncated.', { offset: header.byteLength });
  const announced = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(80, true);
  if (announced === 0) throw unprocessableModel('The binary STL header announces 0 triangles, so there is nothing to print.');
  assertTriangleBudget(announced, ctx.limits);
  if (ctx.byteLength !== undefined) assertSizeMatches(announced, ctx.byteLength);
  return announced;
}

const truncated = (announced: number, found: number): Error =>
  unprocessableModel(`The binary STL header announces ${announced} triangles but the file ends after ${found}; it is truncated or the count is wrong.`, { announced, found });

const notFinite = (triangle: number): Error =>
  unprocessableModel(`Triangle ${triangle} of the binary STL has a coordinate that is not a finite number; the file is corrupt.`, { triangle });

/** A binary STL's mesh, with what was measured while it was read (else measureMesh measures it all). */
function weldedMesh(welder: StlRecordWelder): RawMesh {
  welder.dropTable();
  const indices = welder.corners();
  const countEdges = welder.countEdges?.bind(welder);
  return { positions: welder.positions(), indices, triangleCount: indices.length / 3, welded: true, ...welder.measured(), ...(countEdges && { countEdges }) };
}

function assertSizeMatches(announced: number, byteLength: number): void {
  const expected = headerBytes + recordBytes * announced;
  if (expected !== byteLength) {
    throw unprocessableModel(
      `The binary STL header announces ${announced} triangles (${expected} bytes) but the file has ${byteLength} bytes; it is truncated or the count is wrong.`,
      { announced, expectedBytes: expected, actualBytes: byteLength },
    );
  }
}

/** Welds and measures `batch` whole records that are known to be in the reader's buffer, copied into the welder's block. */
function readRecords(reader: ByteReader, welder: StlRecordWelder, done: number, batch: number): number {
  welder.recordBlock(batch).set(reader.bytes.subarray(reader.pos, reader.pos + batch * recordBytes));
  weld(welder, done, batch);
  reader.pos += batch * recordBytes;
  return done + batch;
}

/** Welds and measures the `batch` records in the welder's block, the first of them record `done` of the file. */
function weld(welder: StlRecordWelder, done: number, batch: number): void {
  const bad = welder.weldBlock(batch);
  if (bad >= 0) throw notFinite(done + bad + 1);
}

/**
 * ASCII STL, read line by line. Coordinates are rounded to single precision as every STL reader
 * (admesh included) does, so welding and measures match the binary form of the same model.
 */
export async function parseAsciiStl(reader: ByteReader, ctx: StlParseContext): Promise<ParsedModel> {
  const welder = new Float32Welder(ctx.limits);
  const single = new Float32Array(9);
  const bits = new Int32Array(single.buffer);
  let triangles = 0;
  let inFacet = false;
  let inLoop = false;
  let cornersInLoop = 0;
  let sawSolid = false;
  const corner = new Float64Array(9);

  const fail = (line: number, message: string): Error => unprocessableModel(`ASCII STL line ${line}: ${message}`, { line });

  // Keywords in either case, as STL writers vary; `vertex` first, as three lines in seven are one.
  await forEachTextLine(reader.rest(), ctx.limits.maxLineBytes, (line, n) => {
    if (!line.next()) return;
    if (line.is('vertex', true)) {
      if (!inLoop) throw fail(n, '"vertex" outside "outer loop".');
      if (cornersInLoop === 3) throw fail(n, 'a facet has more than three vertices; STL facets are triangles.');
      for (let k = 0; k < 3; k++) {
        // STL is single precision: a value like 1e39 is finite as a double but infinite once stored.
        const value = Math.fround(line.nextFiniteNumber('ASCII STL', n));
        if (!Number.isFinite(value)) throw fail(n, 'a coordinate is too large for an STL (single precision) number.');
        corner[3 * cornersInLoop + k] = value;
      }
      cornersInLoop++;
    } else if (line.is('facet', true)) {
      if (!sawSolid) throw fail(n, '"facet" before "solid".');
      if (inFacet) throw fail(n, '"facet" before the previous "endfacet".');
      inFacet = true;
    } else if (line.is('outer', true)) {
      if (!inFacet || inLoop) throw fail(n, '"outer loop" outside a facet.');
      inLoop = true;
      cornersInLoop = 0;
    } else if (line.is('endloop', true)) {
      if (!inLoop) throw fail(n, '"endloop" without "outer loop".');
      if (cornersInLoop !== 3) throw fail(n, `a facet has ${cornersInLoop} vertices; STL facets are triangles.`);
      inLoop = false;
    } else if (line.is('endfacet', true)) {
      if (!inFacet || inLoop || cornersInLoop !== 3) throw fail(n, '"endfacet" before a complete "outer loop".');
      assertTriangleBudget(triangles + 1, ctx.limits);
      for (let k = 0; k < 9; k++) single[k] = (corner[k] ?? 0) + 0; // -0 → +0, see welding
      welder.addTriangle(bits);
      triangles++;
      inFacet = false;
      cornersInLoop = 0;
    } else if (line.is('solid', true)) {
      if (inFacet) throw fail(n, '"solid" inside a facet.');
      sawSolid = true;
    } else if (line.is('endsolid', true)) {
      if (inFacet) throw fail(n, '"endsolid" inside a facet.');
    } else {
      throw fail(n, `unexpected "${line.lineText().slice(0, 40)}".`);
    }
  });
  if (inFacet) throw unprocessableModel('The ASCII STL ends in the middle of a facet; it is truncated.');
  if (triangles === 0) throw unprocessableModel('The ASCII STL contains no facets, so there is nothing to print.');
  return { mesh: weldedMesh(welder), format: 'stl', encoding: 'ascii', warnings: [] };
}
