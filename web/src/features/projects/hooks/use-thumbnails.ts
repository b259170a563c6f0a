/**
 * Pictures for the project list: the first analysed model of each project, drawn one project at a
 * time (one WebGL context at once, and the list stays usable meanwhile). three.js is only fetched
 * when there is something to draw.
 */
import { useEffect, useState } from 'react';
import { listFiles } from '../api/files-api.js';
import type { ProjectSummary } from '../api/projects-api.js';

/** A data URL, or 'none' when the project has no model to show (or it cannot be drawn here). */
export type Thumbnails = Record<string, string>;

/** Each picture costs a preview download (and, for staff, an audited read): only the top of a long list gets one. */
export const MAX_THUMBNAILS = 30;

export function useProjectThumbnails(userId: string, projects: ProjectSummary[] | undefined): Thumbnails {
  const [thumbnails, setThumbnails] = useState<Thumbnails>({});
  const ids = (projects ?? []).slice(0, MAX_THUMBNAILS).map((p) => p.id).join(',');

  useEffect(() => {
    if (!ids) return;
    const controller = new AbortController();
    const put = (id: string, value: string) => setThumbnails((previous) => (previous[id] === value ? previous : { ...previous, [id]: value }));
    const run = async () => {
      const [{ thumbnailFor }, { webglAvailable }] = await Promise.all([import('../viewer/thumbnail.js'), import('../../../lib/viewer/mount-viewer.js')]);
      const canDraw = webglAvailable();
      for (const id of ids.split(',')) {
        if (controller.signal.aborted) return;
        try {
          const first = (await listFiles(id, controller.signal)).find((f) => f.status === 'analysed');
          put(id, first && canDraw ? ((await thumbnailFor(userId, first, controller.signal)) ?? 'none') : 'none');
        } catch {
          if (!controller.signal.aborted) put(id, 'none');
        }
      }
    };
    void run().catch(() => undefined);
    return () => controller.abort();
  }, [ids, userId]);

  return thumbnails;
}
