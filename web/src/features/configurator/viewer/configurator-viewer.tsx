/**
 * The live 3D view of a configuration (loaded on demand with three.js, as the project pages' viewer
 * is). Each change of the choices is applied to the loaded model at once, without loading it again;
 * the element carries the look it shows (`data-look`) and its state (`data-state`).
 */
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../lib/api/api-error.js';
import { mountViewer, webglAvailable, type ViewerHandle } from '../../../lib/viewer/mount-viewer.js';
import { ModelParseError } from '../../../lib/viewer/parse-model.js';
import { DRAW_FAILED, ViewerStage, type ViewerState } from '../../../lib/viewer/viewer-stage.js';
import { downloadModel, type ModelSource } from '../api/configurator-api.js';
import { buildConfiguredModel, type ConfiguredModel } from './configured-model.js';
import { describeLook, type Look } from './look.js';

export type ConfiguratorViewerProps = { source: ModelSource; modelFileId: string; modelName: string; partFiles: string[]; maxScale: number; look: Look; label: string };

export default function ConfiguratorViewer({ source, modelFileId, modelName, partFiles, maxScale, look, label }: ConfiguratorViewerProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<ViewerHandle | null>(null);
  const modelRef = useRef<ConfiguredModel | null>(null);
  const lookRef = useRef(look);
  lookRef.current = look;
  const [view, setView] = useState<ViewerState>({ status: 'loading' });
  const sourceKey = source.kind === 'product' ? source.productId : source.token;

  useEffect(() => {
    if (!webglAvailable()) {
      setView({ status: 'no-webgl' });
      return;
    }
    const controller = new AbortController();
    const load = async () => {
      const base = await downloadModel(source, modelFileId, controller.signal);
      const parts = new Map<string, ArrayBuffer>();
      for (const fileId of partFiles) parts.set(fileId, await downloadModel(source, fileId, controller.signal));
      const model = await buildConfiguredModel(base, parts, modelName, maxScale);
      const element = stageRef.current;
      if (controller.signal.aborted || !element) return;
      modelRef.current = model;
      handleRef.current = mountViewer(element, model.root, label, { reflections: true });
      model.apply(lookRef.current);
      handleRef.current.redraw();
      element.dataset.look = describeLook(lookRef.current);
      setView({ status: 'ready' });
    };
    load().catch((error: unknown) => {
      if (controller.signal.aborted) return;
      setView({ status: 'error', message: error instanceof ModelParseError || isApiError(error) ? error.message : DRAW_FAILED });
    });
    return () => {
      controller.abort();
      handleRef.current?.dispose();
      handleRef.current = null;
      modelRef.current = null;
    };
    // The product's models decide what is loaded; the look is applied below without reloading.
  }, [sourceKey, modelFileId, partFiles.join(','), modelName, maxScale]);

  const described = describeLook(look);
  useEffect(() => {
    const element = stageRef.current;
    if (!modelRef.current || !handleRef.current || !element) return;
    modelRef.current.apply(look);
    handleRef.current.redraw();
    element.dataset.look = described;
  }, [described]);

  return (
    <figure className="viewer configurator-viewer" aria-label={label}>
      <ViewerStage ref={stageRef} view={view} withoutWebgl="Your choices and the price still work." />
      {view.status === 'ready' ? <figcaption className="muted small viewer-hint">Drag to turn, scroll or pinch to zoom, right-drag to move.</figcaption> : null}
    </figure>
  );
}
