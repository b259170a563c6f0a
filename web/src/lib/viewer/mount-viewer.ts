/**
 * The interactive 3D view: a WebGL canvas in the given element with orbit controls. It draws only when
 * something changed (a drag, a button, a resize), never in a loop, so an idle page costs no CPU — which
 * matters where WebGL runs on the processor (SwiftShader, remote desktops).
 */
import type { Object3D } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { disposeModel } from './parse-model.js';
import { leaseRenderer } from './renderer-lease.js';
import { buildStage, disposeStage } from './stage.js';

export type ViewerHandle = {
  rotate(radians: number): void;
  tilt(radians: number): void;
  zoom(factor: number): void;
  reset(): void;
  /** Draws again after the caller changed the model (its materials, scale or parts). */
  redraw(): void;
  dispose(): void;
};

/** False when the browser cannot give a WebGL context (turned off, blocklisted GPU, no fallback). */
export function webglAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

/**
 * `reflections`: surfaces reflect a soft room around them. A metal (metalness near 1) reflects only
 * its surroundings, so without them it is drawn black; the configurator's materials need them.
 */
export function mountViewer(container: HTMLElement, model: Object3D, label: string, opts: { reflections?: boolean } = {}): ViewerHandle {
  const width = Math.max(container.clientWidth, 1);
  const height = Math.max(container.clientHeight, 1);
  const lease = leaseRenderer();
  const renderer = lease.renderer;
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setSize(width, height);
  const canvas = renderer.domElement;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.className = 'viewer-canvas';
  container.appendChild(canvas);

  const stage = buildStage(model, width / height);
  if (opts.reflections) stage.scene.environment = lease.reflections();
  const controls = new OrbitControls(stage.camera, canvas);
  controls.target.copy(stage.target);
  controls.minDistance = stage.radius * 0.2;
  controls.maxDistance = stage.radius * 20;
  controls.update();
  controls.saveState();

  let frameRequested = 0;
  const draw = () => {
    frameRequested = 0;
    renderer.render(stage.scene, stage.camera);
    container.dataset.triangles = String(renderer.info.render.triangles);
  };
  const requestDraw = () => {
    if (!frameRequested) frameRequested = requestAnimationFrame(draw);
  };
  controls.addEventListener('change', requestDraw);

  const resize = new ResizeObserver(() => {
    const w = Math.max(container.clientWidth, 1);
    const h = Math.max(container.clientHeight, 1);
    stage.camera.aspect = w / h;
    stage.camera.updateProjectionMatrix();
    renderer.setSize(w, h);
    requestDraw();
  });
  resize.observe(container);
  draw();

  return {
    rotate: (radians) => {
      controls.rotateLeft(radians);
    },
    tilt: (radians) => {
      controls.rotateUp(radians);
    },
    zoom: (factor) => {
      if (factor > 1) controls.dollyIn(factor);
      else controls.dollyOut(1 / factor);
    },
    reset: () => {
      controls.reset();
      requestDraw();
    },
    redraw: requestDraw,
    dispose: () => {
      if (frameRequested) cancelAnimationFrame(frameRequested);
      resize.disconnect();
      controls.dispose();
      disposeModel(model);
      disposeStage(stage);
      lease.release();
    },
  };
}
