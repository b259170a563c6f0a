/**
 * The scene around a model: soft light from above, a key light that follows the camera (so the side
 * you look at is never dark), a floor grid with round-number cells, and a camera framing the model.
 */
import { Box3, Color, DirectionalLight, GridHelper, HemisphereLight, PerspectiveCamera, Scene, Sphere, Vector3, type Object3D } from 'three';

export type Stage = { scene: Scene; camera: PerspectiveCamera; target: Vector3; radius: number; grid: GridHelper };

export const BACKGROUND = '#eef1f5';
const VIEW_DIRECTION = new Vector3(1, 0.75, 1.25).normalize();

export function buildStage(model: Object3D, aspect: number): Stage {
  const scene = new Scene();
  scene.background = new Color(BACKGROUND);

  // Stand the model on the floor, centred.
  const box = new Box3().setFromObject(model);
  const centre = box.getCenter(new Vector3());
  model.position.x -= centre.x;
  model.position.z -= centre.z;
  model.position.y -= box.min.y;
  model.updateMatrixWorld(true);
  scene.add(model);

  const placed = new Box3().setFromObject(model);
  const size = placed.getSize(new Vector3());
  const sphere = placed.getBoundingSphere(new Sphere());
  const radius = Math.max(sphere.radius, 1e-6);

  const cell = gridStep(Math.max(size.x, size.z));
  const cells = Math.max(4, Math.ceil((Math.max(size.x, size.z) * 1.6) / cell / 2) * 2);
  const grid = new GridHelper(cell * cells, cells, '#9aa6b4', '#cfd6de');
  scene.add(grid);

  scene.add(new HemisphereLight('#ffffff', '#8a96a3', 1.6));
  const camera = new PerspectiveCamera(35, aspect, radius / 100, radius * 100);
  const key = new DirectionalLight('#ffffff', 1.6);
  key.position.set(0.4, 1, 0.6);
  camera.add(key);
  scene.add(camera);

  const target = sphere.center.clone();
  frame(camera, target, radius);
  return { scene, camera, target, radius, grid };
}

/**
 * Gives back what the stage made for the GPU (the grid's lines); the model is its owner's to dispose.
 * The renderer frees each object's buffers and programs when it is disposed.
 */
export function disposeStage(stage: Stage) {
  stage.grid.geometry.dispose();
  (stage.grid.material as { dispose(): void }).dispose();
}

/** Puts the camera where the whole bounding sphere is in view, from a three-quarter angle. */
export function frame(camera: PerspectiveCamera, target: Vector3, radius: number) {
  const halfFov = ((Math.min(camera.fov, camera.fov * camera.aspect) / 2) * Math.PI) / 180;
  const distance = (radius / Math.sin(halfFov)) * 1.08;
  camera.position.copy(target).addScaledVector(VIEW_DIRECTION, distance);
  camera.near = distance / 100;
  camera.far = distance * 100;
  camera.lookAt(target);
  camera.updateProjectionMatrix();
}

/** 1, 2 or 5 times a power of ten, giving about ten cells across the model. */
export function gridStep(extent: number): number {
  const rough = Math.max(extent, 1e-6) / 10;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (power * factor >= rough) return power * factor;
  return power * 10;
}
