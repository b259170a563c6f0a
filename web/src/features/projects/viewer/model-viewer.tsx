/**
 * A model in 3D, loaded on demand (this module and three.js arrive as their own script chunk). What
 * loads at once is the file's light preview (made by the server at analysis); the whole file is
 * downloaded and decrypted only when the reader presses "Load full model". A file analysed before
 * previews existed shows no picture until then. Without WebGL the page says so and the analysis beside
 * it still stands.
 */
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/button.js';
import { isApiError } from '../../../lib/api/api-error.js';
import { downloadFile, downloadPreview } from '../api/files-api.js';
import { formatBytes } from '../utils/format.js';
import { mountViewer, webglAvailable, type ViewerHandle } from '../../../lib/viewer/mount-viewer.js';
import { ModelParseError, parseModel, parsePreview } from '../../../lib/viewer/parse-model.js';
import { DRAW_FAILED, ViewerStage, type ViewerState } from '../../../lib/viewer/viewer-stage.js';
import { cachedThumbnail, renderThumbnail, storeThumbnail, type ThumbnailSubject } from './thumbnail.js';

/** What the view shows: the server's light preview, or the whole file (only once asked for). */
type Source = 'preview' | 'full';

export function ModelViewer({ userId, file }: { userId: string; file: ThumbnailSubject }) {
  const stageRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<ViewerHandle | null>(null);
  const [source, setSource] = useState<Source | null>(file.hasPreview ? 'preview' : null);
  const [view, setView] = useState<ViewerState>({ status: source ? 'loading' : 'waiting' });

  useEffect(() => {
    if (!source) return;
    if (!webglAvailable()) {
      setView({ status: 'no-webgl' });
      return;
    }
    const controller = new AbortController();
    setView({ status: 'loading' });
    const load = async () => {
      const model =
        source === 'full' ? await parseModel(await downloadFile(file.id, controller.signal), file.name) : await parsePreview(await downloadPreview(file.id, controller.signal), file.name);
      const element = stageRef.current;
      if (controller.signal.aborted || !element) return;
      if (!cachedThumbnail(userId, file)) storeThumbnail(userId, file, renderThumbnail(model.clone()));
      handleRef.current = mountViewer(element, model, `3D view of ${file.name}`);
      setView({ status: 'ready' });
    };
    load().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      const message = error instanceof ModelParseError || isApiError(error) ? error.message : DRAW_FAILED;
      setView({ status: 'error', message });
    });
    return () => {
      controller.abort();
      handleRef.current?.dispose();
      handleRef.current = null;
    };
    // The file's identity is what matters; its other fields do not change.
  }, [source, file.id, userId]);

  const act = (fn: (h: ViewerHandle) => void) => () => {
    if (handleRef.current) fn(handleRef.current);
  };
  const step = Math.PI / 12;

  return (
    <figure className="viewer" aria-label={`3D view of ${file.name}`}>
      <ViewerStage
        ref={stageRef}
        view={view}
        withoutWebgl="The analysis of the file is complete all the same."
        errorAction={
          source === 'preview' ? (
            <Button variant="secondary" onClick={() => setSource('full')}>
              Load full model
            </Button>
          ) : null
        }
      >
        {view.status === 'waiting' ? (
          <div className="viewer-overlay viewer-placeholder">
            <p>No preview of this file yet. The full model is {formatBytes(file.size)}, downloaded in full to be shown.</p>
            <Button variant="secondary" onClick={() => setSource('full')}>
              Load full model
            </Button>
          </div>
        ) : null}
      </ViewerStage>
      {view.status === 'ready' ? (
        <figcaption className="viewer-controls">
          <span className="button-row" role="group" aria-label={`View controls for ${file.name}`}>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.rotate(step))} aria-label="Turn left">
              ⟲
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.rotate(-step))} aria-label="Turn right">
              ⟳
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.tilt(step))} aria-label="Tilt up">
              ↑
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.tilt(-step))} aria-label="Tilt down">
              ↓
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.zoom(1.25))} aria-label="Zoom in">
              +
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.zoom(0.8))} aria-label="Zoom out">
              −
            </Button>
            <Button variant="secondary" className="button-small" onClick={act((h) => h.reset())}>
              Reset view
            </Button>
          </span>
          <span className="muted small viewer-hint">Drag to turn, scroll or pinch to zoom, right-drag to move.</span>
          {source === 'preview' ? (
            <span className="viewer-source">
              <span className="muted small">Simplified preview.</span>{' '}
              <Button variant="secondary" className="button-small" onClick={() => setSource('full')} title={`Downloads the whole file (${formatBytes(file.size)})`}>
                Load full model
              </Button>
            </span>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
