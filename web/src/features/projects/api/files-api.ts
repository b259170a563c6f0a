/** A project's 3D files and their analysis (src/modules/files routes). */
import { api, apiRawRequest } from '../../../lib/api-client.js';

export type Vec3 = { x: number; y: number; z: number };
export type BoundingBox = { min: Vec3; max: Vec3; size: Vec3 };

export type ModelAnalysis = {
  format: 'stl' | 'obj' | 'ply' | '3mf' | 'gltf';
  encoding: string;
  unit: string;
  unitDeclared: boolean;
  triangles: number;
  vertices: number;
  boundingBox: BoundingBox;
  boundingBoxMm: BoundingBox;
  volume: number;
  volumeMm3: number;
  insideOut: boolean;
  surfaceArea: number;
  surfaceAreaMm2: number;
  shells: number;
  edges: { total: number; open: number; nonManifold: number; inconsistentlyOriented: number };
  degenerateTriangles: number;
  watertight: boolean;
  warnings: string[];
};

export type BuildVolumeFit = { process: string; fits: boolean; placedSizeMm: Vec3 | null };

export type ProjectFile = {
  id: string;
  projectId: string;
  name: string;
  size: number;
  sha256: string;
  status: 'uploaded' | 'analysed' | 'rejected';
  analysis: ModelAnalysis | null;
  buildVolumeFit: BuildVolumeFit[] | null;
  rejectionReason: string | null;
  uploadedBy: string | null;
  createdAt: string;
  analysedAt: string | null;
};

export const listFiles = (projectId: string, signal?: AbortSignal) =>
  api.get<{ files: ProjectFile[] }>(`/api/projects/${encodeURIComponent(projectId)}/files`, undefined, signal).then((r) => r.files);
export const getFile = (id: string, signal?: AbortSignal) => api.get<{ file: ProjectFile }>(`/api/files/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.file);
export const deleteFile = (id: string) => api.delete<{ ok: true }>(`/api/files/${encodeURIComponent(id)}`);
export const downloadUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/download`;

/** The decrypted bytes, for the 3D view; the server verifies every chunk before sending it. */
export async function downloadFile(id: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await apiRawRequest(downloadUrl(id), { method: 'GET', ...(signal ? { signal } : {}) });
  return response.arrayBuffer();
}
