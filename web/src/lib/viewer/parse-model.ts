/**
 * Turns a downloaded model into three.js meshes with three's own loaders. Everything is given one calm
 * material (the files' own colours are not what a reviewer checks), and STL, OBJ, PLY and 3MF are
 * turned from Z-up (how printers and CAD tools store them) to three's Y-up; glTF is Y-up already.
 */
import { DoubleSide, Group, Mesh, MeshStandardMaterial, type BufferGeometry, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import { ThreeMFLoader } from 'three/examples/jsm/loaders/3MFLoader.js';
import { MODEL_LOOK } from './model-look.js';

export type ViewerFormat = 'stl' | 'obj' | 'ply' | '3mf' | 'gltf';

export class ModelParseError extends Error {}

export function formatOf(name: string): ViewerFormat | null {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  switch (extension) {
    case 'stl':
    case 'obj':
    case 'ply':
    case '3mf':
      return extension;
    case 'gltf':
    case 'glb':
      return 'gltf';
    default:
      return null;
  }
}

/** The model, placed Y-up with its own units; the caller centres and frames it. */
export async function parseModel(buffer: ArrayBuffer, name: string): Promise<Object3D> {
  const format = formatOf(name);
  if (!format) throw new ModelParseError(`The viewer does not know the file type of ${name}.`);
  return finish(await parseOrExplain(format, buffer, name), name, { zUp: format !== 'gltf', flat: format === 'stl' });
}

/**
 * A file's preview: a GLB the server made from the parsed mesh, in the file's own coordinates, so it is
 * Z-up unless the file was glTF. Drawn flat: its clustered vertices would smooth into blobs.
 */
export async function parsePreview(buffer: ArrayBuffer, name: string): Promise<Object3D> {
  return finish(await parseOrExplain('gltf', buffer, name), name, { zUp: formatOf(name) !== 'gltf', flat: true });
}

async function parseOrExplain(format: ViewerFormat, buffer: ArrayBuffer, name: string): Promise<Object3D> {
  try {
    return await parseAs(format, buffer);
  } catch (error) {
    if (error instanceof ModelParseError) throw error;
    throw new ModelParseError(`The viewer could not read ${name}: ${error instanceof Error ? error.message : 'unknown error'}.`);
  }
}

function finish(object: Object3D, name: string, opts: { zUp: boolean; flat: boolean }): Object3D {
  const material = new MeshStandardMaterial({ color: MODEL_LOOK.colour, metalness: MODEL_LOOK.metalness, roughness: MODEL_LOOK.roughness, side: DoubleSide, flatShading: opts.flat });
  let meshes = 0;
  object.traverse((child) => {
    if (!(child instanceof Mesh)) return;
    meshes++;
    const geometry = child.geometry as BufferGeometry;
    if (!geometry.getAttribute('normal')) geometry.computeVertexNormals();
    const old = child.material as { dispose?: () => void } | { dispose?: () => void }[];
    for (const m of Array.isArray(old) ? old : [old]) m.dispose?.();
    child.material = material;
  });
  if (meshes === 0) throw new ModelParseError(`${name} has no surfaces to show.`);
  if (opts.zUp) object.rotation.x = -Math.PI / 2;
  object.updateMatrixWorld(true);
  return object;
}

async function parseAs(format: ViewerFormat, buffer: ArrayBuffer): Promise<Object3D> {
  switch (format) {
    case 'stl':
      return meshOf(new STLLoader().parse(buffer), true);
    case 'ply':
      return meshOf(new PLYLoader().parse(buffer), false);
    case 'obj':
      return new OBJLoader().parse(new TextDecoder().decode(buffer));
    case '3mf':
      return new ThreeMFLoader().parse(buffer);
    case 'gltf':
      return new Promise<Object3D>((resolve, reject) => {
        new GLTFLoader().parse(buffer, '', (gltf) => resolve(gltf.scene), (error: unknown) => reject(error instanceof Error ? error : new Error('the glTF data is not valid')));
      });
  }
}

function meshOf(geometry: BufferGeometry, ignoreNormals: boolean): Group {
  // STL normals are often zero or wrong; the triangles' own winding is what the analysis trusts too.
  if (ignoreNormals) geometry.deleteAttribute('normal');
  if (!geometry.getAttribute('normal')) geometry.computeVertexNormals();
  const group = new Group();
  group.add(new Mesh(geometry));
  return group;
}

/** Frees the GPU buffers of a model no longer shown. */
export function disposeModel(object: Object3D) {
  object.traverse((child) => {
    if (child instanceof Mesh) {
      (child.geometry as BufferGeometry).dispose();
      const material = child.material as { dispose: () => void } | { dispose: () => void }[];
      for (const m of Array.isArray(material) ? material : [material]) m.dispose();
    }
  });
}
