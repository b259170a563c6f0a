/**
 * The viewers' WebGL renderer, kept for the life of the tab and lent to one viewer at a time. A
 * context is slow to make and to give back (forceContextLoss blocks the page for 2.5 s in software
 * WebGL: SwiftShader, no GPU, remote desktops), and the reflections' room (a PMREM) costs 2.5 s there
 * to make in each new context, mostly compiling its shaders. Kept, both are paid once per tab. A
 * second viewer on screen at the same time gets a renderer of its own, let go when it closes.
 */
import { PMREMGenerator, WebGLRenderer, type Texture, type WebGLRenderTarget } from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';

export type RendererLease = {
  renderer: WebGLRenderer;
  /** The soft room that surfaces reflect, made on first use in this renderer. */
  reflections(): Texture;
  /** The canvas leaves the page; the renderer is kept for the next viewer or let go. */
  release(): void;
};

type Kept = { renderer: WebGLRenderer; environment: WebGLRenderTarget | null; lent: boolean };

let kept: Kept | null = null;

function make(): Kept {
  return { renderer: new WebGLRenderer({ antialias: true }), environment: null, lent: false };
}

function letGo(entry: Kept) {
  entry.environment?.dispose();
  // Frees the context's buffers, textures and programs; the context itself goes with its canvas (past
  // the browser's limit of live contexts, the oldest is let go). Not forceContextLoss(): see above.
  entry.renderer.dispose();
}

export function leaseRenderer(): RendererLease {
  if (kept && kept.renderer.getContext().isContextLost()) {
    if (!kept.lent) letGo(kept);
    kept = null;
  }
  let entry: Kept;
  if (kept && !kept.lent) entry = kept;
  else if (!kept) entry = kept = make();
  else entry = make();
  entry.lent = true;
  let released = false;
  return {
    renderer: entry.renderer,
    reflections: () => {
      if (!entry.environment) {
        const pmrem = new PMREMGenerator(entry.renderer);
        const room = new RoomEnvironment();
        entry.environment = pmrem.fromScene(room, 0.04);
        room.dispose();
        pmrem.dispose();
      }
      return entry.environment.texture;
    },
    release: () => {
      if (released) return;
      released = true;
      entry.renderer.domElement.remove();
      entry.lent = false;
      if (entry !== kept) letGo(entry);
    },
  };
}
