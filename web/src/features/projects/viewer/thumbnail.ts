/**
 * Still pictures of models for lists: rendered once on a canvas that is never shown, then kept as a
 * data URL in this tab's sessionStorage (gone when the tab closes), keyed by user, file and content hash.
 */
import { WebGLRenderer } from 'three';
import { downloadPreview } from '../api/files-api.js';
import { disposeModel, parsePreview } from '../../../lib/viewer/parse-model.js';
import { buildStage } from '../../../lib/viewer/stage.js';

export const THUMBNAIL_PIXELS = 240;

/** `hasPreview`: the server made a light preview at analysis; files analysed before that have none, and get no picture. */
export type ThumbnailSubject = { id: string; name: string; size: number; sha256: string; hasPreview: boolean };

const keyOf = (userId: string, file: ThumbnailSubject) => `meshvault:thumbnail:${userId}:${file.id}:${file.sha256.slice(0, 16)}`;

export function cachedThumbnail(userId: string, file: ThumbnailSubject): string | null {
  try {
    return sessionStorage.getItem(keyOf(userId, file));
  } catch {
    return null;
  }
}

export function storeThumbnail(userId: string, file: ThumbnailSubject, dataUrl: string) {
  try {
    sessionStorage.setItem(keyOf(userId, file), dataUrl);
  } catch {
    // Storage full or disabled: the picture is drawn again next time.
  }
}

/** Draws an already parsed model (which it places on the floor, so pass a fresh one). */
export function renderThumbnail(model: Parameters<typeof buildStage>[0]): string {
  const canvas = document.createElement('canvas');
  canvas.width = THUMBNAIL_PIXELS;
  canvas.height = THUMBNAIL_PIXELS;
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  try {
    renderer.setSize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, false);
    const stage = buildStage(model, 1);
    renderer.render(stage.scene, stage.camera);
    return canvas.toDataURL('image/webp', 0.85);
  } finally {
    renderer.dispose();
    renderer.forceContextLoss();
  }
}

/** The cached picture, or fetch the file's preview, parse and draw it; null when it has no preview (the whole file is never fetched for a picture). */
export async function thumbnailFor(userId: string, file: ThumbnailSubject, signal?: AbortSignal): Promise<string | null> {
  const cached = cachedThumbnail(userId, file);
  if (cached) return cached;
  if (!file.hasPreview) return null;
  const model = await parsePreview(await downloadPreview(file.id, signal), file.name);
  try {
    signal?.throwIfAborted();
    const url = renderThumbnail(model);
    storeThumbnail(userId, file, url);
    return url;
  } finally {
    disposeModel(model);
  }
}
