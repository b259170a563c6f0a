/** The uploads a person started on a project page: one at a time, in the order chosen, each cancellable. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../../lib/form.js';
import { isAbort, uploadWithTus } from './tus-upload.js';

export const MODEL_EXTENSIONS = ['stl', 'obj', 'ply', '3mf', 'gltf', 'glb'] as const;
export const ACCEPT = MODEL_EXTENSIONS.map((e) => `.${e}`).join(',');

export type UploadState = 'queued' | 'uploading' | 'retrying' | 'done' | 'failed' | 'cancelled';

export type UploadItem = {
  key: string;
  name: string;
  size: number;
  acknowledged: number;
  state: UploadState;
  attempt: number;
  error: string | null;
};

/** Refuses what the server would refuse anyway, before sending a byte. */
export function checkModelFile(file: { name: string; size: number }): string | null {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!(MODEL_EXTENSIONS as readonly string[]).includes(extension)) return `${file.name} is not a 3D model we accept. Choose an STL, OBJ, PLY, 3MF, glTF or GLB file.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

export function useUploads(projectId: string, onUploaded: (fileId: string) => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const controllers = useRef(new Map<string, AbortController>());
  const counter = useRef(0);
  const uploadedRef = useRef(onUploaded);
  useEffect(() => {
    uploadedRef.current = onUploaded;
  });

  const update = useCallback((key: string, change: Partial<UploadItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i))), []);

  useEffect(() => {
    const all = controllers.current;
    return () => {
      for (const controller of all.values()) controller.abort();
    };
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      for (const file of files) {
        const key = `upload-${++counter.current}`;
        const problem = checkModelFile(file);
        setItems((list) => [...list, { key, name: file.name, size: file.size, acknowledged: 0, state: problem ? 'failed' : 'queued', attempt: 0, error: problem }]);
        if (problem) continue;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        queue.current = queue.current.then(async () => {
          if (controller.signal.aborted) return;
          update(key, { state: 'uploading' });
          try {
            const { fileId } = await uploadWithTus({
              projectId,
              file,
              name: file.name,
              signal: controller.signal,
              onProgress: (acknowledged) => update(key, { acknowledged, state: 'uploading' }),
              onRetry: (attempt) => update(key, { state: 'retrying', attempt }),
            });
            update(key, { state: 'done', acknowledged: file.size });
            uploadedRef.current(fileId);
          } catch (error) {
            update(key, isAbort(error) ? { state: 'cancelled' } : { state: 'failed', error: messageOf(error) });
          } finally {
            controllers.current.delete(key);
          }
        });
      }
    },
    [projectId, update],
  );

  const cancel = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      update(key, { state: 'cancelled' });
    },
    [update],
  );

  const dismiss = useCallback((key: string) => setItems((list) => list.filter((i) => i.key !== key)), []);

  return { items, add, cancel, dismiss };
}
