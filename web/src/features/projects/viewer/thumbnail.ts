/**
 * Still pictures of models for lists: rendered once on a canvas that is never shown, then kept as a
 * data URL in this tab's sessionStorage (gone when the tab closes), keyed by user, file and content hash.
 */
import { WebGLRenderer } from 'three';
import { downloadPreview } from '../api/files-api.js';
import { disposeModel, parsePreview } from '../../../lib/viewer/parse-model.js';
import { buildStage, disposeStage } from '../../../lib/viewer/stage.js';
import { storeInTab, tabStorage } from '../../../lib/tab-storage.js';

export const THUMBNAIL_PIXELS = 240;

/** `hasPreview`: the server made a light preview at analysis; files analysed before that have none, and get no picture. */
export type ThumbnailSubject = { id: string; name: string; size: number; sha256: string; hasPreview: boolean };

const keyOf = (userId: string, file: ThumbnailSubject) => `meshvault:thumbnail:${userId}:${file.id}:${file.sha256.slice(0, 16)}`;

export function cachedThumbnail(userId: string, file: ThumbnailSubject): string | null {
  return tabStorage()?.getItem(keyOf(userId, file)) ?? null;
}

/** Where storage is refused or full, the picture is drawn again next time. */
export function storeThumbnail(userId: string, file: ThumbnailSubject, dataUrl: string) {
  storeInTab(keyOf(userId, file), dataUrl);
}

let shared: WebGLRenderer | null = null;

/**
 * One renderer draws every picture in this tab, made on first use: a WebGL context takes a while to
 * make, and giving one back at once (forceContextLoss) blocks the page for seconds in software WebGL,
 * once per picture. A new one is made only if the browser took the context away.
 */
function thumbnailRenderer(): WebGLRenderer {
  if (shared && !shared.getContext().isContextLost()) return shared;
  shared?.dispose();
  const canvas = document.createElement('canvas');
  shared = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  shared.setSize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, false);
  return shared;
}

/**
 * Draws an already parsed model (which it places on the floor, so pass a fresh one, or a clone), then
 * gives back its copies on the GPU: the shared renderer keeps nothing of it. The model stays usable; a
 * viewer that draws it next uploads it again.
 */
export function renderThumbnail(model: Parameters<typeof buildStage>[0]): string {
  const renderer = thumbnailRenderer();
  const stage = buildStage(model, 1);
  try {
    renderer.render(stage.scene, stage.camera);
    return renderer.domElement.toDataURL('image/webp', 0.85);
  } finally {
    disposeModel(model);
    disposeStage(stage);
  }
}

/** The cached picture, or fetch the file's preview, parse and draw it; null when it has no preview (the whole file is never fetched for a picture). */
export async function thumbnailFor(userId: string, file: ThumbnailSubject, signal?: AbortSignal): Promise<string | null> {
  const cached = cachedThumbnail(userId, file);
  if (cached) return cached;
  if (!file.hasPreview) return null;
  const model = await parsePreview(await downloadPreview(file.id, signal), file.name);
  signal?.throwIfAborted();
  const url = renderThumbnail(model);
  storeThumbnail(userId, file, url);
  return url;
}
