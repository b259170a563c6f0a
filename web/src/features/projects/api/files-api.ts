/** A project's 3D files and their analysis (src/modules/files routes). */
import { queryOptions } from '@tanstack/react-query';
import { apiClient, body } from '../../../lib/api/client.js';
import { apiRawRequest } from '../../../lib/api/raw-request.js';
import type { ResponseOf } from '../../../lib/api/types.js';
import { useApiMutation } from '../../../lib/query.js';
import { projectKeys } from './project-keys.js';

export type ProjectFile = ResponseOf<'/api/files/{id}'>['file'];
export type ModelAnalysis = NonNullable<ProjectFile['analysis']>;
export type BuildVolumeFit = NonNullable<ProjectFile['buildVolumeFit']>[number];
export type BoundingBox = ModelAnalysis['boundingBox'];
export type Vec3 = BoundingBox['size'];

const ANALYSIS_POLL_MS = 1500;

/** The analysis runs as a background job: the list is looked at again until every file has its verdict. */
export const filesQuery = (projectId: string) =>
  queryOptions({
    queryKey: projectKeys.files(projectId),
    queryFn: ({ signal }) => listFiles(projectId, signal),
    refetchInterval: (query) => (query.state.data?.some(isBeingAnalysed) ? ANALYSIS_POLL_MS : false),
  });

export function isBeingAnalysed(file: ProjectFile): boolean {
  return file.status === 'uploaded';
}

export const listFiles = (projectId: string, signal?: AbortSignal) =>
  body(apiClient.GET('/api/projects/{id}/files', { params: { path: { id: projectId } }, ...(signal ? { signal } : {}) })).then((r) => r.files);

/** Files are what quotes are priced from: a change to them changes whether one can be asked for. */
export const filesChanged = (projectId: string) => [projectKeys.files(projectId), projectKeys.quotes(projectId)];

/** `reason` is needed (and audited) when the file is somebody else's: the file says so in `deleteNeedsReason`. */
export const useDeleteFile = (projectId: string) =>
  useApiMutation(
    ({ id, reason }: { id: string; reason?: string }) => body(apiClient.DELETE('/api/files/{id}', { params: { path: { id } }, body: reason ? { reason } : {} })),
    () => filesChanged(projectId),
  );

export const downloadUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/download`;

export const previewUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/preview`;

/** The light preview (a GLB of a few hundred KB, made at analysis) that thumbnails and the 3D view draw first. */
export async function downloadPreview(id: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await apiRawRequest(previewUrl(id), { method: 'GET', ...(signal ? { signal } : {}) });
  return response.arrayBuffer();
}

/** The whole decrypted file, only when someone asks for it; the server verifies every chunk before sending it. */
export async function downloadFile(id: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await apiRawRequest(downloadUrl(id), { method: 'GET', ...(signal ? { signal } : {}) });
  return response.arrayBuffer();
}
