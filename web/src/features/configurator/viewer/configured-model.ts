/**
 * The configured product in three.js: the base model and every part it can show, under one group that
 * stands on the floor, so scaling it grows it upwards. One material for all of it, which the look sets.
 */
import { Box3, DoubleSide, Group, Mesh, MeshStandardMaterial, Vector3, type Object3D } from 'three';
import { parsePreview } from '../../../lib/viewer/parse-model.js';
import type { Look } from './look.js';

export type ConfiguredModel = { root: Group; apply(look: Look): void };

export async function buildConfiguredModel(base: ArrayBuffer, parts: Map<string, ArrayBuffer>, modelName: string, maxScale: number): Promise<ConfiguredModel> {
  const material = new MeshStandardMaterial({ side: DoubleSide, flatShading: true });
  const content = new Group();
  content.add(withMaterial(await parsePreview(base, modelName), material));
  const partObjects = new Map<string, Object3D>();
  for (const [fileId, buffer] of parts) {
    const part = withMaterial(await parsePreview(buffer, modelName), material);
    partObjects.set(fileId, part);
    content.add(part);
  }
  // Bottom centre at the origin: a scale keeps the model on the floor, centred.
  content.updateMatrixWorld(true);
  const box = new Box3().setFromObject(content);
  const centre = box.getCenter(new Vector3());
  content.position.set(-centre.x, -box.min.y, -centre.z);
  const root = new Group();
  root.add(content);
  // Framed at its largest, with every part showing, so no choice takes it out of view.
  root.scale.setScalar(maxScale);
  root.updateMatrixWorld(true);
  return {
    root,
    apply: (look) => {
      material.color.set(look.colour);
      material.metalness = look.metalness;
      material.roughness = look.roughness;
      for (const [fileId, part] of partObjects) part.visible = look.parts.includes(fileId);
      root.scale.setScalar(look.scale);
      root.updateMatrixWorld(true);
    },
  };
}

function withMaterial(object: Object3D, material: MeshStandardMaterial): Object3D {
  object.traverse((child) => {
    if (!(child instanceof Mesh)) return;
    (child.material as { dispose(): void }).dispose();
    child.material = material;
  });
  return object;
}
